package io.flowstate.nflow.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders the subset of Go's html/template that nFlow pages use (NFLOW.md §4.1): fields, {@code index}, {@code if},
 * {@code range}, {@code with}, comparisons, {@code and or not len}, pipes, {@code unescapeHTML} and comments, with
 * each value escaped for the HTML context it lands in. Missing keys render empty. Errors throw
 * {@link TemplateException}.
 */
public final class GoTemplate {

    private final List<GoNode> nodes;

    private GoTemplate(List<GoNode> nodes) {
        this.nodes = nodes;
    }

    public static GoTemplate parse(String text) {
        return new GoTemplate(GoParser.parse(text));
    }

    /** Renders with {@code data} as the dot. */
    public String render(JsonNode data) {
        StringBuilder out = new StringBuilder();
        new Run(data, out).nodes(nodes, data);
        return out.toString();
    }

    /** One rendering. */
    private static final class Run {
        private final JsonNode root;
        private final StringBuilder out;
        private final HtmlContext context = new HtmlContext();

        Run(JsonNode root, StringBuilder out) {
            this.root = root;
            this.out = out;
        }

        void nodes(List<GoNode> list, @Nullable Object dot) {
            for (GoNode node : list) {
                switch (node) {
                    case GoNode.Text text -> {
                        context.text(text.text());
                        out.append(text.text());
                    }
                    case GoNode.Action action -> out.append(context.escape(valueOrEmpty(eval(action.pipeline(), dot))));
                    case GoNode.Branch branch -> branch(branch, dot);
                }
            }
        }

        private static Object valueOrEmpty(@Nullable Object value) {
            return value == null ? "" : value;
        }

        private void branch(GoNode.Branch branch, @Nullable Object dot) {
            Object value = eval(branch.pipeline(), dot);
            switch (branch.kind()) {
                case "if" -> {
                    if (GoValues.truth(value)) {
                        nodes(branch.body(), dot);
                    } else if (branch.otherwise() != null) {
                        nodes(branch.otherwise(), dot);
                    }
                }
                case "with" -> {
                    if (GoValues.truth(value)) {
                        nodes(branch.body(), value);
                    } else if (branch.otherwise() != null) {
                        nodes(branch.otherwise(), dot);
                    }
                }
                default -> {
                    Object items = GoValues.unwrap(value);
                    if (items instanceof JsonNode node && (node.isArray() || node.isObject()) && !node.isEmpty()) {
                        if (node.isArray()) {
                            node.forEach(item -> nodes(branch.body(), item));
                        } else {
                            List<String> names = new ArrayList<>();
                            node.fieldNames().forEachRemaining(names::add);
                            names.sort(null);
                            names.forEach(n -> nodes(branch.body(), node.get(n)));
                        }
                    } else if (branch.otherwise() != null) {
                        nodes(branch.otherwise(), dot);
                    }
                }
            }
        }

        private @Nullable Object eval(GoNode.Pipeline pipeline, @Nullable Object dot) {
            Object result = null;
            boolean first = true;
            for (List<GoNode.Operand> command : pipeline.commands()) {
                result = command(command, dot, first ? null : new Object[] {result});
                first = false;
            }
            return result;
        }

        private @Nullable Object command(List<GoNode.Operand> command, @Nullable Object dot,
                                         Object @Nullable [] piped) {
            GoNode.Operand head = command.get(0);
            if (head instanceof GoNode.Function function) {
                List<@Nullable Object> args = new ArrayList<>();
                for (GoNode.Operand operand : command.subList(1, command.size())) {
                    args.add(operand(operand, dot));
                }
                if (piped != null) {
                    args.add(piped[0]);
                }
                return call(function.name(), args);
            }
            if (command.size() > 1 || piped != null) {
                throw new TemplateException("can't give arguments to a non-function");
            }
            return operand(head, dot);
        }

        private @Nullable Object operand(GoNode.Operand operand, @Nullable Object dot) {
            return switch (operand) {
                case GoNode.Literal literal -> literal.value();
                case GoNode.Nested nested -> eval(nested.pipeline(), dot);
                case GoNode.Function function -> call(function.name(), List.of());
                case GoNode.Field field -> {
                    Object current = field.root() ? root : dot;
                    for (String name : field.path()) {
                        current = current instanceof JsonNode node && node.isObject() ? node.get(name) : null;
                    }
                    yield current;
                }
            };
        }

        private @Nullable Object call(String name, List<@Nullable Object> args) {
            return switch (name) {
                case "index" -> {
                    need(name, args, 1);
                    yield GoValues.index(args.get(0), args.subList(1, args.size()));
                }
                case "len" -> {
                    need(name, args, 1);
                    yield new java.math.BigDecimal(GoValues.length(args.get(0)));
                }
                case "not" -> {
                    need(name, args, 1);
                    yield !GoValues.truth(args.get(0));
                }
                case "and" -> {
                    need(name, args, 1);
                    Object last = null;
                    for (Object a : args) {
                        last = a;
                        if (!GoValues.truth(a)) {
                            break;
                        }
                    }
                    yield last;
                }
                case "or" -> {
                    need(name, args, 1);
                    Object last = null;
                    for (Object a : args) {
                        last = a;
                        if (GoValues.truth(a)) {
                            break;
                        }
                    }
                    yield last;
                }
                case "eq" -> {
                    need(name, args, 2);
                    boolean any = false;
                    for (Object other : args.subList(1, args.size())) {
                        any |= GoValues.equal(args.get(0), other);
                    }
                    yield any;
                }
                case "ne" -> {
                    need(name, args, 2);
                    yield !GoValues.equal(args.get(0), args.get(1));
                }
                case "lt" -> compared(args, c -> c < 0);
                case "le" -> compared(args, c -> c <= 0);
                case "gt" -> compared(args, c -> c > 0);
                case "ge" -> compared(args, c -> c >= 0);
                case "unescapeHTML" -> {
                    need(name, args, 1);
                    yield new SafeHtml(GoValues.text(args.get(0)));
                }
                case "print" -> {
                    StringBuilder text = new StringBuilder();
                    args.forEach(a -> text.append(GoValues.text(a)));
                    yield text.toString();
                }
                case "html" -> HtmlContext.attribute(GoValues.text(args.isEmpty() ? null : args.get(args.size() - 1)));
                case "urlquery" -> java.net.URLEncoder.encode(GoValues.text(args.isEmpty() ? null
                        : args.get(args.size() - 1)), java.nio.charset.StandardCharsets.UTF_8);
                default -> throw new TemplateException("function \"" + name + "\" not defined");
            };
        }

        private static Boolean compared(List<@Nullable Object> args, java.util.function.IntPredicate test) {
            need("comparison", args, 2);
            return test.test(GoValues.compare(args.get(0), args.get(1)));
        }

        private static void need(String name, List<@Nullable Object> args, int count) {
            if (args.size() < count) {
                throw new TemplateException("wrong number of args for " + name + ": want " + count + " got "
                        + args.size());
            }
        }
    }
}
