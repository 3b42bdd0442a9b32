(ns bench
  "What RpcBenchmark's clojure-server target calls on the real Clojure slacker server: bench/echo,
  as the Java server of the benchmark exposes it.")

(defn echo
  "Returns its argument."
  [x]
  x)
