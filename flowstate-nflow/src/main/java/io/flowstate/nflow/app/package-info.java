/** nFlow compatibility: Drawflow apps, their loader and the starter router. */
@NullMarked
package io.flowstate.nflow.app;

import org.jspecify.annotations.NullMarked;
