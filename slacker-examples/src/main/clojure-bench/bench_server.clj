(ns bench-server
  "Runs the real Clojure slacker server (slacker.server/start-slacker-server with its defaults)
  exposing the namespace bench on the port given as the only argument, for RpcBenchmark's
  clojure-server target. Speaks the protocol of io.slacker.examples.bench.BenchServers over
  stdin/stdout: prints `ports slacker=N` when it listens, answers a line `stats` with
  `stats process=N allocated=N jit=N server-io=N worker=N` (process CPU ns; bytes allocated by the
  server's threads; JIT compilation ms of the process; CPU ns of the server's threads), stops at `quit` or at the end of stdin. slacker binds all
  interfaces (start-slacker-server has no host option); the clients use 127.0.0.1.

  java -cp \"$(slacker-examples/clojure-bench/build-classpath.sh)\" clojure.main -m bench-server PORT"
  (:require [slacker.server :as server]
            [bench])
  (:import [java.lang.management ManagementFactory ThreadInfo]))

(defn- role
  "The benchmark's role of a thread of the server (link's event loops, slacker's worker pool)."
  [^String thread]
  (cond (.startsWith thread "link-nio-") "server-io"
        (.startsWith thread "slacker-server-worker-") "worker"))

(defn- stats []
  (let [mx ^com.sun.management.ThreadMXBean (ManagementFactory/getThreadMXBean)
        os ^com.sun.management.OperatingSystemMXBean (ManagementFactory/getOperatingSystemMXBean)
        ids (.getAllThreadIds mx)
        infos (.getThreadInfo mx ids)
        allocated (.getThreadAllocatedBytes mx ids)
        threads (for [i (range (alength ids))
                      :let [r (some-> ^ThreadInfo (aget infos i) .getThreadName role)]
                      :when r]
                  {:role r
                   :cpu (max 0 (.getThreadCpuTime mx (aget ids i)))
                   :allocated (max 0 (aget allocated i))})
        cpu (reduce (fn [m t] (update m (:role t) + (:cpu t))) {"server-io" 0 "worker" 0} threads)]
    (str "stats process=" (.getProcessCpuTime os)
         " allocated=" (reduce + 0 (map :allocated threads))
         " jit=" (.getTotalCompilationTime (ManagementFactory/getCompilationMXBean))
         " server-io=" (cpu "server-io") " worker=" (cpu "worker"))))

(defn -main [port]
  (let [port (Long/parseLong port)
        s (server/start-slacker-server (the-ns 'bench) port)]
    (println "ports" (str "slacker=" port))
    (flush)
    (loop []
      (let [line (read-line)]
        (when (and line (not= line "quit"))
          (println (if (= line "stats") (stats) (str "error unknown command " line)))
          (flush)
          (recur))))
    (server/stop-slacker-server s)
    (shutdown-agents)
    (System/exit 0)))
