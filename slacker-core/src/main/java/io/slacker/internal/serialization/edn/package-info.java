/**
 * EDN, the {@code clj} content type: {@link io.slacker.internal.serialization.edn.EdnReader} reads what
 * Clojure's {@code clojure.edn} reads, {@link io.slacker.internal.serialization.edn.EdnPrinter} writes what
 * Clojure's {@code pr-str} writes, and {@link io.slacker.internal.serialization.edn.EdnSerializer} puts the
 * two behind the {@link io.slacker.spi.Serializer} SPI.
 */
package io.slacker.internal.serialization.edn;
