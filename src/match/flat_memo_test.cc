#include "match/flat_memo.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace embargo::internal {
namespace {

// Against std::unordered_map, the memo it replaced: the same keys found or
// added, the values kept, the pointers stable while the table grows.
TEST(FlatMemoTest, AgreesWithAnUnorderedMap) {
  std::mt19937 rng(7);
  FlatMemo<std::vector<int>> memo;
  std::unordered_map<std::string, std::vector<int>> reference;
  std::vector<std::pair<std::string, std::vector<int>*>> seen;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 20000; ++i) {
      // Short keys and long ones (past the entry's inline room), with
      // embedded zeros as Candidates' keys have; many repeat.
      std::string key = std::to_string(rng() % 9000);
      if (rng() % 3 == 0) key += std::string("\0abcdefghijklmnopq", 18);
      if (rng() % 4 == 0) key += std::string(20 + rng() % 30, 'x');
      // Half through the hashed form, hinted first as Candidates does.
      const std::uint64_t h = FlatMemo<std::vector<int>>::Hash(key);
      memo.Prefetch(h);
      memo.PrefetchEntry(h);
      auto [value, added] =
          i % 2 == 0 ? memo.TryEmplace(key) : memo.TryEmplace(key, h);
      auto [it, inserted] = reference.try_emplace(key);
      ASSERT_EQ(added, inserted) << key;
      if (added) {
        EXPECT_TRUE(value->empty());
        value->push_back(i);
        it->second.push_back(i);
        seen.emplace_back(key, value);
      }
      EXPECT_EQ(*value, it->second) << key;
      EXPECT_EQ(memo.size(), reference.size());
    }
    for (const auto& [key, value] : seen) {
      auto [again, added] = memo.TryEmplace(key);
      EXPECT_FALSE(added);
      EXPECT_EQ(again, value);  // never moved
      EXPECT_EQ(*again, reference[key]);
    }
    memo.clear();
    reference.clear();
    seen.clear();
    EXPECT_EQ(memo.size(), 0u);
  }
}

}  // namespace
}  // namespace embargo::internal
