/** nFlow compatibility: page templates: a Go html/template subset and Mustache. */
@NullMarked
package io.flowstate.nflow.template;

import org.jspecify.annotations.NullMarked;
