#include "normalize/recent_memo.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "normalize/abjad.h"
#include "normalize/normalize.h"
#include "normalize/phonetic.h"

namespace embargo::internal {
namespace {

// Eight slots for a thousand keys: nearly every Get() collides, and each
// must still give its own key's value, computing only when the slot holds
// another.
TEST(RecentMemoTest, CollisionsComputeAgainNeverAnswerAnother) {
  RecentMemo<std::string, 8> memo;
  size_t computed = 0;
  auto get = [&](const std::string& k) {
    return memo.Get(k, [&] {
      ++computed;
      return "value of " + k;
    });
  };
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 1000; ++i) {
      const std::string k = std::to_string(i * 7919 % 1000);
      EXPECT_EQ(get(k), "value of " + k);
    }
  EXPECT_GT(computed, 2000u);
  computed = 0;
  EXPECT_EQ(get("again"), "value of again");
  EXPECT_EQ(get("again"), "value of again");
  EXPECT_EQ(computed, 1u);
  // The empty key is a key like any other, not an empty slot.
  EXPECT_EQ(get(""), "value of ");
  EXPECT_EQ(computed, 2u);
}

// The memoized keys answer as computed afresh: each token's keys are taken
// first among thousands of others (most computed, some remembered), then
// again alone, after its slot was surely taken over.
TEST(RecentMemoTest, KeysRememberedAnswerAsComputed) {
  std::vector<std::string> tokens;
  for (const char* a : {"mo", "ha", "ab", "kh", "yu", "al", "sa", "ji"})
    for (const char* b :
         {"hammed", "ssan", "dullah", "alid", "suf", "i", "ong"})
      for (const char* c : {"", "ov", "ein", "a"})
        tokens.push_back(std::string(a) + b + c);
  std::vector<std::string> roman, phonetic, skeleton;
  std::vector<std::vector<std::string>> abjad;
  for (const std::string& t : tokens) {
    roman.push_back(RomanizationKey(t));
    PhoneticKeys k = PhoneticKeysOf(t);
    phonetic.push_back(k.phonetic);
    skeleton.push_back(k.skeleton);
    abjad.push_back(AbjadQueryKeys(t));
  }
  for (int i = 0; i < 40000; ++i) {
    const std::string filler = "zq" + std::to_string(i);
    RomanizationKey(filler);
    PhoneticKeysOf(filler);
    AbjadQueryKeys(filler);
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(RomanizationKey(tokens[i]), roman[i]) << tokens[i];
    const PhoneticKeys k = PhoneticKeysOf(tokens[i]);
    EXPECT_EQ(k.phonetic, phonetic[i]) << tokens[i];
    EXPECT_EQ(k.skeleton, skeleton[i]) << tokens[i];
    EXPECT_EQ(AbjadQueryKeys(tokens[i]), abjad[i]) << tokens[i];
  }
  EXPECT_EQ(RomanizationKey("mohammed"), RomanizationKey("muhammad"));
  EXPECT_FALSE(AbjadQueryKeys("mhmd").empty());
}

// Slots are constructed a block at a time, when a slot of the block is
// first touched, and each keeps what was written to it.
struct Counted {
  static inline int constructed = 0;
  Counted() { ++constructed; }
  int value = 0;
};

TEST(BlockedSlotsTest, ConstructsOnlyTheBlocksTouched) {
  Counted::constructed = 0;
  BlockedSlots<Counted, 1024, 64> slots;
  EXPECT_EQ(Counted::constructed, 0);
  slots[5].value = 5;
  EXPECT_EQ(Counted::constructed, 64);
  slots[63].value = 63;
  EXPECT_EQ(Counted::constructed, 64);
  slots[64].value = 64;
  slots[1023].value = 1023;
  EXPECT_EQ(Counted::constructed, 192);
  EXPECT_EQ(slots[5].value, 5);
  EXPECT_EQ(slots[63].value, 63);
  EXPECT_EQ(slots[64].value, 64);
  EXPECT_EQ(slots[1023].value, 1023);
  EXPECT_EQ(slots[6].value, 0);
  EXPECT_EQ(Counted::constructed, 192);
}

// Slots from calloc start as zero bytes (their empty value) and keep what
// was written to them.
TEST(ZeroedSlotsTest, StartZeroAndKeepWhatIsWritten) {
  struct Slot {
    std::uint64_t key = 0;
    double value = 0;
  };
  ZeroedSlots<Slot, 1 << 16> slots;
  for (size_t i : {size_t{0}, size_t{4095}, size_t{65535}}) {
    EXPECT_EQ(slots[i].key, 0u);
    EXPECT_EQ(slots[i].value, 0.0);
    slots[i] = {i + 1, 0.5 * static_cast<double>(i)};
  }
  EXPECT_EQ(slots[4095].key, 4096u);
  EXPECT_EQ(slots[65535].value, 0.5 * 65535);
  EXPECT_EQ(slots[1].key, 0u);
}

}  // namespace
}  // namespace embargo::internal
