package io.slacker.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.data.Keyword;
import io.slacker.spi.SerializationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JavaDataTest {
    enum Status { IN_PROGRESS, DONE }

    record Task(String title, long createdAt, Status status, List<String> tags) {
    }

    /** A bean. */
    public static class Bean {
        public String getDisplayName() {
            return "n";
        }

        public boolean isActive() {
            return true;
        }

        public String getURL() {
            return "u";
        }

        public static String getStatic() {
            return "s";
        }

        public String compute(int x) {
            return "x";
        }
    }

    @Test
    void enumsBecomeKeywords() {
        assertThat(JavaData.toData(Status.IN_PROGRESS)).isSameAs(Keyword.of("in-progress"));
    }

    @Test
    void recordsBecomeKebabCaseMapsInComponentOrder() {
        Object data = JavaData.toData(new Task("t", 5L, Status.DONE, List.of("a")));
        assertThat(data).isInstanceOf(java.util.LinkedHashMap.class);
        assertThat(List.copyOf(((Map<?, ?>) data).keySet())).isEqualTo(List.of(Keyword.of("title"), Keyword.of("created-at"),
                Keyword.of("status"), Keyword.of("tags")));
        // nested values stay as they are: the serializers recurse
        assertThat(((Map<?, ?>) data).get(Keyword.of("status"))).isEqualTo(Status.DONE);
    }

    @Test
    void beansBecomeMapsOfTheirGetters() {
        Object data = JavaData.toData(new Bean());
        assertThat(data).isEqualTo(Map.of(Keyword.of("active"), true, Keyword.of("display-name"), "n", Keyword.of("url"), "u"));
    }

    @Test
    void optionalsAndFailures() {
        assertThat(JavaData.toData(Optional.of(3))).isEqualTo(3);
        assertThat(JavaData.toData(Optional.empty())).isNull();
        assertThatThrownBy(() -> JavaData.toData(new Object())).isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void kebabNames() {
        assertThat(Names.kebab("createdAt")).isEqualTo("created-at");
        assertThat(Names.kebab("httpURLValue")).isEqualTo("http-url-value");
        assertThat(Names.kebab("value2x")).isEqualTo("value2x");
        assertThat(Names.kebab("URL")).isEqualTo("url");
        assertThat(Names.kebab("a")).isEqualTo("a");
    }
}
