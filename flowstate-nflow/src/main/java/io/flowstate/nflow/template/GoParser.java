package io.flowstate.nflow.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Parses the subset of Go's text/template syntax that nFlow's pages use (NFLOW.md §4.1). */
final class GoParser {

    private final String source;
    private int pos;

    private GoParser(String source) {
        this.source = source;
    }

    static List<GoNode> parse(String source) {
        GoParser parser = new GoParser(source);
        List<GoNode> nodes = new ArrayList<>();
        String end = parser.nodes(nodes);
        if (end != null) {
            throw new TemplateException("unexpected {{" + end + "}}");
        }
        return nodes;
    }

    /** Reads nodes until the end of input (returns null) or an {@code end}/{@code else} action (returns it). */
    private @Nullable String nodes(List<GoNode> into) {
        while (pos < source.length()) {
            int open = source.indexOf("{{", pos);
            if (open < 0) {
                into.add(new GoNode.Text(source.substring(pos)));
                pos = source.length();
                break;
            }
            String text = source.substring(pos, open);
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw new TemplateException("unclosed action at offset " + open);
            }
            String inner = source.substring(open + 2, close);
            pos = close + 2;
            if (inner.startsWith("-") && (inner.length() == 1 || Character.isWhitespace(inner.charAt(1)))) {
                text = text.stripTrailing();
                inner = inner.substring(1);
            }
            if (inner.endsWith("-") && inner.length() > 1 && Character.isWhitespace(inner.charAt(inner.length() - 2))) {
                inner = inner.substring(0, inner.length() - 1);
                while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
                    pos++;
                }
            }
            if (!text.isEmpty()) {
                into.add(new GoNode.Text(text));
            }
            String action = inner.strip();
            if (action.startsWith("/*")) {
                if (!action.endsWith("*/")) {
                    throw new TemplateException("unclosed comment at offset " + open);
                }
                continue;
            }
            String keyword = action.split("\\s+", 2)[0];
            switch (keyword) {
                case "end", "else" -> {
                    return action;
                }
                case "if", "with", "range" -> into.add(branch(keyword, action.substring(keyword.length())));
                default -> into.add(new GoNode.Action(pipeline(action)));
            }
        }
        return null;
    }

    private GoNode branch(String kind, String expression) {
        GoNode.Pipeline pipeline = pipeline(expression.strip());
        List<GoNode> body = new ArrayList<>();
        String stop = nodes(body);
        if (stop == null) {
            throw new TemplateException("{{" + kind + "}} without {{end}}");
        }
        List<GoNode> otherwise = null;
        if (stop.startsWith("else")) {
            otherwise = new ArrayList<>();
            String rest = stop.substring(4).strip();
            if (rest.startsWith("if ") || rest.startsWith("with ")) {
                String nested = rest.split("\\s+", 2)[0];
                otherwise.add(branch(nested, rest.substring(nested.length())));
                return new GoNode.Branch(kind, pipeline, body, otherwise);
            }
            stop = nodes(otherwise);
            if (stop == null || !stop.equals("end")) {
                throw new TemplateException("{{" + kind + "}} ... {{else}} without {{end}}");
            }
        }
        return new GoNode.Branch(kind, pipeline, body, otherwise);
    }

    static GoNode.Pipeline pipeline(String expression) {
        return new Expression(expression).pipeline(false);
    }

    /** The tokens of one action. */
    private static final class Expression {
        private final String text;
        private int at;

        Expression(String text) {
            this.text = text;
        }

        GoNode.Pipeline pipeline(boolean nested) {
            List<List<GoNode.Operand>> commands = new ArrayList<>();
            List<GoNode.Operand> command = new ArrayList<>();
            while (true) {
                skipSpace();
                if (at >= text.length()) {
                    if (nested) {
                        throw new TemplateException("unclosed '(' in {{" + text + "}}");
                    }
                    break;
                }
                char ch = text.charAt(at);
                if (ch == ')') {
                    if (!nested) {
                        throw new TemplateException("unexpected ')' in {{" + text + "}}");
                    }
                    at++;
                    break;
                }
                if (ch == '|') {
                    at++;
                    commands.add(command);
                    command = new ArrayList<>();
                    continue;
                }
                command.add(operand());
            }
            commands.add(command);
            if (commands.stream().anyMatch(List::isEmpty)) {
                throw new TemplateException("empty command in {{" + text + "}}");
            }
            return new GoNode.Pipeline(commands);
        }

        private GoNode.Operand operand() {
            char ch = text.charAt(at);
            if (ch == '(') {
                at++;
                return new GoNode.Nested(pipeline(true));
            }
            if (ch == '"') {
                StringBuilder value = new StringBuilder();
                at++;
                while (at < text.length() && text.charAt(at) != '"') {
                    char c = text.charAt(at++);
                    if (c == '\\' && at < text.length()) {
                        char e = text.charAt(at++);
                        value.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> e;
                        });
                    } else {
                        value.append(c);
                    }
                }
                at++;
                return new GoNode.Literal(value.toString());
            }
            if (ch == '`') {
                int end = text.indexOf('`', at + 1);
                if (end < 0) {
                    throw new TemplateException("unclosed raw string in {{" + text + "}}");
                }
                String value = text.substring(at + 1, end);
                at = end + 1;
                return new GoNode.Literal(value);
            }
            String word = word();
            if (word.startsWith(".") || word.startsWith("$")) {
                boolean root = word.startsWith("$");
                String path = root ? word.substring(1) : word;
                List<String> parts = new ArrayList<>();
                for (String part : path.split("\\.")) {
                    if (!part.isEmpty()) {
                        parts.add(part);
                    }
                }
                return new GoNode.Field(root, parts);
            }
            if (word.equals("true") || word.equals("false")) {
                return new GoNode.Literal(Boolean.valueOf(word));
            }
            if (word.equals("nil")) {
                return new GoNode.Literal(null);
            }
            if (Character.isDigit(word.charAt(0)) || word.charAt(0) == '-') {
                try {
                    return new GoNode.Literal(new BigDecimal(word));
                } catch (NumberFormatException e) {
                    throw new TemplateException("bad number '" + word + "'");
                }
            }
            if (!word.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                throw new TemplateException("unexpected '" + word + "' in {{" + text + "}}");
            }
            return new GoNode.Function(word);
        }

        private String word() {
            int start = at;
            while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && "()|".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            return text.substring(start, at);
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
