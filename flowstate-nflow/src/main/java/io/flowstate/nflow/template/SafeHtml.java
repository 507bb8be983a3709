package io.flowstate.nflow.template;

/** Markup a template marked as trusted ({@code unescapeHTML}): written as is in text context. */
record SafeHtml(String html) {
}
