package io.flowstate.nflow.template;

/** A template that does not parse or does not render; the message says where. */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }
}
