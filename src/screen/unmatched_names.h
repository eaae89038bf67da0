// The query names a Screener's search found no listed name for: no
// candidate bound at or above the level the search pruned at, so no
// feature could have lifted any to the threshold. A customer file repeats
// whole names (12.6% of the rows of bench/perf's generated million), and
// most of those reach nothing; asked again at the same level, such a name
// is answered without preparing it or walking the index. Exact: the full
// name is kept and compared, never a hash of it alone, since a false
// "nothing" would be a missed match. Bounded: a shard holding its share of
// kMaxNames or kMaxBytes is emptied before it takes one more.
// Thread-safety: every member may be called from any thread at once
// (sharded, each shard under its own mutex).
#ifndef EMBARGO_SCREEN_UNMATCHED_NAMES_H_
#define EMBARGO_SCREEN_UNMATCHED_NAMES_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace embargo::internal {

class UnmatchedNames {
 public:
  // At most this many names, and their keys (a name's bytes and 8 of its
  // level) at most kMaxBytes: 100 MB or so with the slots, two of 16 bytes
  // a name.
  static constexpr size_t kMaxNames = size_t{1} << 20;
  static constexpr size_t kMaxBytes = size_t{64} << 20;

  // Whether `name` was inserted at exactly `level` (and not since emptied).
  bool Contains(std::string_view name, double level) const;
  void Insert(std::string_view name, double level);
  size_t size() const;

 private:
  static constexpr size_t kShards = 64;
  static constexpr size_t kMaxPerShard = kMaxNames / kShards;
  // An open-addressing table over one string of keys, so that remembering
  // a name allocates nothing but, now and then, a larger string or table.
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0, size = 0;  // into `keys`; size 0: empty
  };
  struct Shard {
    mutable std::mutex mu;
    std::string keys;
    std::vector<Slot> slots;  // a power of two, at most half full
    size_t count = 0;
    // The place of the slot holding `key`, or of the empty one where it
    // would go.
    size_t Find(std::string_view key, std::uint64_t hash) const;
  };
  // The level's bytes, then the name, and its hash (the high bits choose
  // the shard, the low ones the slot): each thread's, kept with its
  // capacity.
  struct Key {
    std::string text;
    std::uint64_t hash = 0;
  };
  static const Key& KeyOf(std::string_view name, double level);
  // The shard a key's hash chooses (by its high bits).
  static size_t ShardOf(const Key& key) { return (key.hash >> 58) % kShards; }

  std::array<Shard, kShards> shards_;
};

}  // namespace embargo::internal

#endif  // EMBARGO_SCREEN_UNMATCHED_NAMES_H_
