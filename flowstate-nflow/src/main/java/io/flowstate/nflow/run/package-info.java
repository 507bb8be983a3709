/** nFlow compatibility: runs of nFlow flows: the JavaScript contract, the box library, accounts. */
@NullMarked
package io.flowstate.nflow.run;

import org.jspecify.annotations.NullMarked;
