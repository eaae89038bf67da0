// A small Prometheus metrics registry: counters, gauges and histograms with
// fixed label sets, rendered in the Prometheus text exposition format
// (version 0.0.4). The HTTP server records requests, latency, matches and
// reloads here; GET /metrics renders it.
// Thread-safety: every method may be called from any thread. Metric objects
// are never destroyed while the registry lives, so the pointers returned by
// the Get* methods may be cached and used without locking.
#ifndef EMBARGO_SERVICE_METRICS_H_
#define EMBARGO_SERVICE_METRICS_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace embargo::service {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void Inc(std::uint64_t n = 1) {
    value_.fetch_add(n, std::memory_order_relaxed);
  }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double v) { value_.fetch_add(v, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram {
 public:
  // `bounds` are the bucket upper bounds, ascending; +Inf is implicit.
  explicit Histogram(std::vector<double> bounds);
  void Observe(double v);
  const std::vector<double>& bounds() const { return bounds_; }
  // Non-cumulative count of bucket i (i == bounds().size() is +Inf).
  std::uint64_t bucket(size_t i) const {
    return buckets_[i].load(std::memory_order_relaxed);
  }
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  double sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<std::uint64_t> count_{0};
  std::atomic<double> sum_{0};
};

// Latency buckets in seconds, from 100 µs to 10 s.
std::vector<double> LatencyBuckets();

class MetricsRegistry {
 public:
  MetricsRegistry() = default;
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // Returns the metric `name` with `labels`, creating it (and its family,
  // with `help`) on first use. A name is one type for the registry's life.
  Counter* GetCounter(std::string_view name, std::string_view help,
                      const Labels& labels = {});
  Gauge* GetGauge(std::string_view name, std::string_view help,
                  const Labels& labels = {});
  Histogram* GetHistogram(std::string_view name, std::string_view help,
                          const Labels& labels,
                          const std::vector<double>& bounds);

  // Adds a function that appends whole metric families (HELP, TYPE and
  // samples) at render time, for values computed on demand such as list
  // ages. Called under no registry lock.
  void AddCollector(std::function<void(std::string*)> collector);

  // The whole registry in the Prometheus text format.
  std::string Render() const;

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Family {
    Type type;
    std::string help;
    std::map<std::string, std::unique_ptr<Counter>> counters;  // by label text
    std::map<std::string, std::unique_ptr<Gauge>> gauges;
    std::map<std::string, std::unique_ptr<Histogram>> histograms;
  };
  Family* FamilyFor(std::string_view name, std::string_view help, Type type);

  mutable std::shared_mutex mu_;
  std::map<std::string, Family, std::less<>> families_;
  std::vector<std::function<void(std::string*)>> collectors_;
};

// `{a="x",b="y"}` with values escaped as Prometheus requires; "" for none.
std::string FormatLabels(const Labels& labels);

// A sample value as Prometheus prints it (integers without a fraction,
// +Inf/-Inf/NaN spelled out).
std::string FormatMetricValue(double v);

}  // namespace embargo::service

#endif  // EMBARGO_SERVICE_METRICS_H_
