#include "service/metrics.h"

#include <fmt/format.h>

#include <cmath>
#include <mutex>

namespace embargo::service {

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      buckets_(new std::atomic<std::uint64_t>[bounds_.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0);
}

void Histogram::Observe(double v) {
  size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

std::vector<double> LatencyBuckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
}

std::string FormatLabels(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ',';
    out += labels[i].first;
    out += "=\"";
    for (char c : labels[i].second) {
      if (c == '\\')
        out += "\\\\";
      else if (c == '"')
        out += "\\\"";
      else if (c == '\n')
        out += "\\n";
      else
        out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string FormatMetricValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    return fmt::format("{}", static_cast<std::int64_t>(v));
  return fmt::format("{}", v);
}

MetricsRegistry::Family* MetricsRegistry::FamilyFor(std::string_view name,
                                                    std::string_view help,
                                                    Type type) {
  auto it = families_.find(name);
  if (it == families_.end())
    it = families_
             .emplace(std::string(name),
                      Family{type, std::string(help), {}, {}, {}})
             .first;
  return &it->second;
}

Counter* MetricsRegistry::GetCounter(std::string_view name,
                                     std::string_view help,
                                     const Labels& labels) {
  std::string key = FormatLabels(labels);
  {
    std::shared_lock lock(mu_);
    auto f = families_.find(name);
    if (f != families_.end()) {
      auto it = f->second.counters.find(key);
      if (it != f->second.counters.end()) return it->second.get();
    }
  }
  std::unique_lock lock(mu_);
  auto& slot = FamilyFor(name, help, Type::kCounter)->counters[key];
  if (!slot) slot = std::make_unique<Counter>();
  return slot.get();
}

Gauge* MetricsRegistry::GetGauge(std::string_view name, std::string_view help,
                                 const Labels& labels) {
  std::string key = FormatLabels(labels);
  {
    std::shared_lock lock(mu_);
    auto f = families_.find(name);
    if (f != families_.end()) {
      auto it = f->second.gauges.find(key);
      if (it != f->second.gauges.end()) return it->second.get();
    }
  }
  std::unique_lock lock(mu_);
  auto& slot = FamilyFor(name, help, Type::kGauge)->gauges[key];
  if (!slot) slot = std::make_unique<Gauge>();
  return slot.get();
}

Histogram* MetricsRegistry::GetHistogram(std::string_view name,
                                         std::string_view help,
                                         const Labels& labels,
                                         const std::vector<double>& bounds) {
  std::string key = FormatLabels(labels);
  {
    std::shared_lock lock(mu_);
    auto f = families_.find(name);
    if (f != families_.end()) {
      auto it = f->second.histograms.find(key);
      if (it != f->second.histograms.end()) return it->second.get();
    }
  }
  std::unique_lock lock(mu_);
  auto& slot = FamilyFor(name, help, Type::kHistogram)->histograms[key];
  if (!slot) slot = std::make_unique<Histogram>(bounds);
  return slot.get();
}

void MetricsRegistry::AddCollector(
    std::function<void(std::string*)> collector) {
  std::unique_lock lock(mu_);
  collectors_.push_back(std::move(collector));
}

namespace {

// Inserts `le` as the last label of a rendered label set.
std::string WithLe(const std::string& labels, const std::string& le) {
  std::string le_label = "le=\"" + le + "\"";
  if (labels.empty()) return "{" + le_label + "}";
  return labels.substr(0, labels.size() - 1) + "," + le_label + "}";
}

}  // namespace

std::string MetricsRegistry::Render() const {
  std::string out;
  std::vector<std::function<void(std::string*)>> collectors;
  {
    std::shared_lock lock(mu_);
    for (const auto& [name, f] : families_) {
      const char* type = f.type == Type::kCounter ? "counter"
                         : f.type == Type::kGauge ? "gauge"
                                                  : "histogram";
      out +=
          fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, f.help, name, type);
      for (const auto& [labels, c] : f.counters)
        out += fmt::format("{}{} {}\n", name, labels, c->value());
      for (const auto& [labels, g] : f.gauges)
        out += fmt::format("{}{} {}\n", name, labels,
                           FormatMetricValue(g->value()));
      for (const auto& [labels, h] : f.histograms) {
        std::uint64_t cumulative = 0;
        for (size_t i = 0; i < h->bounds().size(); ++i) {
          cumulative += h->bucket(i);
          out += fmt::format("{}_bucket{} {}\n", name,
                             WithLe(labels, FormatMetricValue(h->bounds()[i])),
                             cumulative);
        }
        cumulative += h->bucket(h->bounds().size());
        out += fmt::format("{}_bucket{} {}\n", name, WithLe(labels, "+Inf"),
                           cumulative);
        out += fmt::format("{}_sum{} {}\n", name, labels,
                           FormatMetricValue(h->sum()));
        // The +Inf bucket is the count, so the two agree even mid-update.
        out += fmt::format("{}_count{} {}\n", name, labels, cumulative);
      }
    }
    collectors = collectors_;
  }
  for (const auto& c : collectors) c(&out);
  return out;
}

}  // namespace embargo::service
