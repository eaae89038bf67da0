#include "service/metrics.h"

#include <gtest/gtest.h>

#include <thread>

namespace embargo::service {
namespace {

TEST(MetricsTest, RendersCountersGaugesAndHistograms) {
  MetricsRegistry r;
  r.GetCounter("req_total", "Requests", {{"route", "/a"}, {"code", "200"}})
      ->Inc(3);
  r.GetCounter("req_total", "Requests", {{"route", "/b"}, {"code", "404"}})
      ->Inc();
  r.GetGauge("open", "Open now")->Set(2.5);
  Histogram* h =
      r.GetHistogram("lat_seconds", "Latency", {{"route", "/a"}}, {0.1, 1});
  h->Observe(0.05);
  h->Observe(0.5);
  h->Observe(7);
  std::string t = r.Render();
  EXPECT_NE(t.find("# HELP req_total Requests\n# TYPE req_total counter\n"),
            std::string::npos);
  EXPECT_NE(t.find("req_total{route=\"/a\",code=\"200\"} 3\n"),
            std::string::npos);
  EXPECT_NE(t.find("req_total{route=\"/b\",code=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(t.find("# TYPE open gauge\nopen 2.5\n"), std::string::npos);
  EXPECT_NE(t.find("lat_seconds_bucket{route=\"/a\",le=\"0.1\"} 1\n"),
            std::string::npos);
  EXPECT_NE(t.find("lat_seconds_bucket{route=\"/a\",le=\"1\"} 2\n"),
            std::string::npos);
  EXPECT_NE(t.find("lat_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3\n"),
            std::string::npos);
  EXPECT_NE(t.find("lat_seconds_sum{route=\"/a\"} 7.55\n"), std::string::npos);
  EXPECT_NE(t.find("lat_seconds_count{route=\"/a\"} 3\n"), std::string::npos);
}

TEST(MetricsTest, SameLabelsSameObjectAndCollectorsAppend) {
  MetricsRegistry r;
  Counter* a = r.GetCounter("c", "C", {{"x", "1"}});
  EXPECT_EQ(a, r.GetCounter("c", "C", {{"x", "1"}}));
  EXPECT_NE(a, r.GetCounter("c", "C", {{"x", "2"}}));
  r.AddCollector(
      [](std::string* out) { *out += "# TYPE dyn gauge\ndyn 42\n"; });
  EXPECT_NE(r.Render().find("dyn 42\n"), std::string::npos);
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  EXPECT_EQ(FormatLabels({{"a", "x\"y\\z\nw"}}), "{a=\"x\\\"y\\\\z\\nw\"}");
  EXPECT_EQ(FormatLabels({}), "");
  EXPECT_EQ(FormatMetricValue(3), "3");
  EXPECT_EQ(FormatMetricValue(0.25), "0.25");
}

TEST(MetricsTest, ConcurrentIncrementsAreNotLost) {
  MetricsRegistry r;
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        r.GetCounter("n", "N", {{"k", std::to_string(i % 3)}})->Inc();
        r.GetHistogram("h", "H", {}, LatencyBuckets())->Observe(0.001);
      }
    });
  for (auto& t : threads) t.join();
  std::uint64_t total = 0;
  for (int k = 0; k < 3; ++k)
    total += r.GetCounter("n", "N", {{"k", std::to_string(k)}})->value();
  EXPECT_EQ(total, 40000u);
  EXPECT_EQ(r.GetHistogram("h", "H", {}, LatencyBuckets())->count(), 40000u);
}

}  // namespace
}  // namespace embargo::service
