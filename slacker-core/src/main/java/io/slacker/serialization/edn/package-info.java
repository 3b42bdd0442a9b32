/**
 * EDN, the {@code clj} content type: {@link io.slacker.serialization.edn.EdnReader} reads what
 * Clojure's {@code clojure.edn} reads, {@link io.slacker.serialization.edn.EdnPrinter} writes what
 * Clojure's {@code pr-str} writes, and {@link io.slacker.serialization.edn.EdnSerializer} puts the
 * two behind the {@link io.slacker.serialization.Serializer} SPI.
 */
package io.slacker.serialization.edn;
