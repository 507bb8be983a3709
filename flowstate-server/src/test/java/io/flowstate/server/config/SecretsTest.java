package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            redis://:secret@host                          | redis://:***@host
            redis://:secret@host:6379/0                   | redis://:***@host:6379/0
            redis://user:secret@host                      | redis://user:***@host
            rediss://default:p%40ss@cache.internal:6380   | rediss://default:***@cache.internal:6380
            redis://token@host                            | redis://***@host
            redis://:pa@ss@host/1                         | redis://:***@host/1
            redis-sentinel://:secret@s1:26379,s2:26379/0#main | redis-sentinel://:***@s1:26379,s2:26379/0#main
            redis://host:6379                             | redis://host:6379
            redis://host/0?timeout=1s#x@y                 | redis://host/0?timeout=1s#x@y
            not a url                                     | not a url
            """)
    void hidesThePasswordOfAUrlAndNothingElse(String url, String redacted) {
        assertThat(Secrets.redactUrl(url)).isEqualTo(redacted);
    }
}
