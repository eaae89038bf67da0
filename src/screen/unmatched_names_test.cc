#include "screen/unmatched_names.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace embargo::internal {
namespace {

TEST(UnmatchedNamesTest, TheNameAndTheLevelBoth) {
  UnmatchedNames names;
  names.Insert("Yan Suo", 0.73);
  EXPECT_TRUE(names.Contains("Yan Suo", 0.73));
  // Nothing at 0.73 says nothing of a lower level, nor of another name
  // (a prefix, a case, a byte more).
  EXPECT_FALSE(names.Contains("Yan Suo", 0.72));
  EXPECT_FALSE(names.Contains("Yan Su", 0.73));
  EXPECT_FALSE(names.Contains("yan suo", 0.73));
  EXPECT_FALSE(names.Contains(std::string("Yan Suo\0", 8), 0.73));
  EXPECT_FALSE(names.Contains("", 0.73));
  names.Insert("", 0.0);
  EXPECT_TRUE(names.Contains("", 0.0));
  EXPECT_FALSE(names.Contains("", -0.0));
  EXPECT_EQ(names.size(), 2u);
}

TEST(UnmatchedNamesTest, ForgetsRatherThanGrowsPastItsBound) {
  UnmatchedNames names;
  const size_t n = UnmatchedNames::kMaxNames + UnmatchedNames::kMaxNames / 4;
  for (size_t i = 0; i < n; ++i) names.Insert(std::to_string(i), 0.8);
  EXPECT_LE(names.size(), UnmatchedNames::kMaxNames);
  // Emptied shard by shard: most of the latest are still there.
  size_t kept = 0;
  for (size_t i = n - 1000; i < n; ++i)
    kept += names.Contains(std::to_string(i), 0.8);
  EXPECT_GT(kept, 900u);
}

TEST(UnmatchedNamesTest, LongNamesAreBoundedByTheirBytes) {
  UnmatchedNames names;
  const std::string tail(1000, 'x');
  const size_t n = 2 * UnmatchedNames::kMaxBytes / 1000;
  for (size_t i = 0; i < n; ++i) names.Insert(std::to_string(i) + tail, 0.8);
  EXPECT_LE(names.size() * 1008, UnmatchedNames::kMaxBytes);
  EXPECT_TRUE(names.Contains(std::to_string(n - 1) + tail, 0.8));
  EXPECT_FALSE(names.Contains(std::to_string(n - 1), 0.8));
}

TEST(UnmatchedNamesTest, ThreadsInsertingAndAskingAgree) {
  UnmatchedNames names;
  std::vector<std::thread> threads;
  std::vector<size_t> found(4);
  for (size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < 20000; ++i) {
        const std::string name = std::to_string(t) + "-" + std::to_string(i);
        names.Insert(name, 0.8);
        found[t] += names.Contains(name, 0.8);
      }
    });
  for (std::thread& t : threads) t.join();
  for (size_t t = 0; t < 4; ++t) EXPECT_EQ(found[t], 20000u);
  EXPECT_EQ(names.size(), 80000u);
}

}  // namespace
}  // namespace embargo::internal
