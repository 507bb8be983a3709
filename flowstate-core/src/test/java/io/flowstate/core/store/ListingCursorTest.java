package io.flowstate.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingCursorTest {

    static final String ID = "3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21";

    @Test
    void aCursorReadsBackAsTheKeyItWasMadeFromAndIsUrlSafe() {
        ListingCursor cursor = new ListingCursor(1_893_456_000_123L, ID);

        String text = cursor.encode();

        assertThat(ListingCursor.decode(text)).isEqualTo(cursor);
        assertThat(text).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void anythingElseIsRefused() {
        String forged = Base64.getUrlEncoder().encodeToString("c1.12.not-a-uuid".getBytes(StandardCharsets.UTF_8));
        for (String text : List.of("", "***", "abc", forged,
                Base64.getUrlEncoder().encodeToString(("c2.12." + ID).getBytes(StandardCharsets.UTF_8)))) {
            assertThatThrownBy(() -> ListingCursor.decode(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void keysOrderByTimeThenIdAndTheBoundOfAQueryIsTheLowerOfCursorAndUpdatedBefore() {
        ListingCursor earlier = new ListingCursor(10, "b");
        ListingCursor sameMillisecond = new ListingCursor(11, "a");
        ListingCursor later = new ListingCursor(11, "b");

        assertThat(earlier.isBelow(sameMillisecond)).isTrue();
        assertThat(sameMillisecond.isBelow(later)).isTrue();
        assertThat(later.isBelow(later)).isFalse();
        ProcessQuery both = new ProcessQuery(null, null, null, null, Instant.ofEpochMilli(11), 5, later);
        assertThat(both.upperBound()).isEqualTo(new ListingCursor(11, ""));
        assertThat(ProcessQuery.all(5).upperBound()).isNull();
        assertThatThrownBy(() -> ProcessQuery.all(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessQuery.all(1001)).isInstanceOf(IllegalArgumentException.class);
    }
}
