package io.flowstate.nflow.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Truth, text and comparison of template values (JSON nodes, literals and {@link SafeHtml}). */
final class GoValues {

    private GoValues() {
    }

    static @Nullable Object unwrap(@Nullable Object value) {
        if (value instanceof JsonNode node) {
            if (node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isTextual()) {
                return node.asText();
            }
            if (node.isBoolean()) {
                return node.asBoolean();
            }
            if (node.isNumber()) {
                return node.decimalValue();
            }
        }
        return value;
    }

    static boolean truth(@Nullable Object value) {
        Object v = unwrap(value);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof BigDecimal d) {
            return d.signum() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof JsonNode node) {
            return !node.isEmpty();
        }
        return true;
    }

    /** How a value prints: empty for missing, numbers as JavaScript prints them, JSON for objects. */
    static String text(@Nullable Object value) {
        Object v = unwrap(value);
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return number(d);
        }
        if (v instanceof SafeHtml html) {
            return html.html();
        }
        return v.toString();
    }

    static String number(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        double abs = Math.abs(d.doubleValue());
        if (abs != 0 && (abs >= 1e21 || abs < 1e-6)) {
            String s = Double.toString(d.doubleValue()).replace("E", "e");
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e);
            if (mantissa.endsWith(".0")) {
                mantissa = mantissa.substring(0, mantissa.length() - 2);
            }
            String exponent = s.substring(e + 1);
            return mantissa + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
        }
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }

    static boolean equal(@Nullable Object a, @Nullable Object b) {
        Object x = unwrap(a);
        Object y = unwrap(b);
        if (x instanceof BigDecimal m && y instanceof BigDecimal n) {
            return m.compareTo(n) == 0;
        }
        if (x instanceof SafeHtml || y instanceof SafeHtml) {
            return text(x).equals(text(y));
        }
        return Objects.equals(x, y);
    }

    static int compare(@Nullable Object a, @Nullable Object b) {
        Object x = unwrap(a);
        Object y = unwrap(b);
        if (x instanceof BigDecimal m && y instanceof BigDecimal n) {
            return m.compareTo(n);
        }
        if (x instanceof String s && y instanceof String t) {
            return s.compareTo(t);
        }
        throw new TemplateException("incompatible types for comparison");
    }

    static @Nullable Object index(@Nullable Object value, List<@Nullable Object> keys) {
        Object current = value;
        for (Object key : keys) {
            if (!(current instanceof JsonNode node)) {
                return null;
            }
            Object k = unwrap(key);
            if (node.isArray() && k instanceof BigDecimal d) {
                current = node.get(d.intValue());
            } else if (node.isObject()) {
                current = node.get(text(k));
            } else {
                return null;
            }
        }
        return current;
    }

    static int length(@Nullable Object value) {
        Object v = unwrap(value);
        if (v instanceof String s) {
            return s.length();
        }
        if (v instanceof JsonNode node) {
            return node.size();
        }
        throw new TemplateException("len of a value without length");
    }

    static JsonNode json(@Nullable Object value) {
        Object v = unwrap(value);
        if (v instanceof JsonNode node) {
            return node;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof BigDecimal d) {
            return f.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        return f.textNode(text(v));
    }
}
