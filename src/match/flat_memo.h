// A thread's memo of values by string key that holds tens of thousands of
// keys (Matcher::Candidates' reaches of the query tokens it has met): open
// addressing over the keys' hashes, the entries in fixed-size chunks whose
// addresses stay put as entries are added. A lookup of std::unordered_map
// reads three dependent cache lines (the bucket, the node before, the
// node); here it reads two (the slot, the entry), and screening 200,000
// customer rows spent ~9% of its time in the map's lookups (perf). A key
// is held in its entry's first cache line (a std::string past its 15
// inline bytes read a third line, on the heap, at every hit: 1.6% of
// screening a customer file, in memcmp).
// Thread-safety: none; one instance per thread.
#ifndef EMBARGO_MATCH_FLAT_MEMO_H_
#define EMBARGO_MATCH_FLAT_MEMO_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace embargo::internal {

template <typename Value>
class FlatMemo {
 public:
  // The value under `key`, and true when it was not there and has just
  // been added, value-initialized. The pointer stays valid until clear().
  std::pair<Value*, bool> TryEmplace(std::string_view key) {
    return TryEmplace(key, Hash(key));
  }
  // The same, `h` being Hash(key).
  std::pair<Value*, bool> TryEmplace(std::string_view key, std::uint64_t h) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    const auto fp = static_cast<std::uint32_t>(h >> 32);
    const size_t mask = slots_.size() - 1;
    for (size_t s = h & mask;; s = (s + 1) & mask) {
      Slot& slot = slots_[s];
      if (slot.entry == 0) {
        if (size_ % kChunk == 0) {
          chunks_.push_back(std::make_unique<Entry[]>(kChunk));
        }
        Entry& e = At(size_);
        e.SetKey(key);
        e.hash = h;
        ++size_;
        slot = {fp, static_cast<std::uint32_t>(size_)};
        return {&e.value, true};
      }
      if (slot.fp == fp) {
        Entry& e = At(slot.entry - 1);
        if (e.key() == key) return {&e.value, false};
      }
    }
  }
  static std::uint64_t Hash(std::string_view key) {
    return std::hash<std::string_view>{}(key);
  }
  // Hints that `h`'s slot (Prefetch) and then, once that slot is in,
  // its entry (PrefetchEntry) will be read soon: a caller with several keys
  // at hand lets their cache misses overlap, where one lookup after
  // another waited for each in turn.
  void Prefetch(std::uint64_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  void PrefetchEntry(std::uint64_t h) const {
    if (slots_.empty()) return;
    const auto fp = static_cast<std::uint32_t>(h >> 32);
    const size_t mask = slots_.size() - 1;
    for (size_t s = h & mask; slots_[s].entry != 0; s = (s + 1) & mask) {
      if (slots_[s].fp == fp) {
        const size_t i = slots_[s].entry - 1;
        __builtin_prefetch(&chunks_[i / kChunk][i % kChunk]);
        return;
      }
    }
  }
  size_t size() const { return size_; }
  void clear() {
    chunks_.clear();
    size_ = 0;
    std::fill(slots_.begin(), slots_.end(), Slot{});
  }

 private:
  static constexpr size_t kChunk = 1024;
  struct Slot {
    std::uint32_t fp = 0;
    std::uint32_t entry = 0;  // the entry's index + 1; 0: empty
  };
  // The key's bytes share the line with its hash and size (a Candidates
  // key is a token twice and a few flags: 20-40 bytes); longer keys are
  // on the heap.
  struct alignas(64) Entry {
    static constexpr size_t kInlineKey = 44;
    std::uint64_t hash = 0;
    std::uint32_t size = 0;
    char inline_key[kInlineKey];
    std::unique_ptr<char[]> long_key;
    Value value{};
    std::string_view key() const {
      return {size <= kInlineKey ? inline_key : long_key.get(), size};
    }
    void SetKey(std::string_view k) {
      size = static_cast<std::uint32_t>(k.size());
      char* to = inline_key;
      if (k.size() > kInlineKey) {
        long_key = std::make_unique<char[]>(k.size());
        to = long_key.get();
      }
      if (!k.empty()) std::memcpy(to, k.data(), k.size());
    }
  };
  Entry& At(size_t i) { return chunks_[i / kChunk][i % kChunk]; }
  // Twice the slots, at most half of them used: probes stay short.
  void Grow() {
    std::vector<Slot> slots(std::max<size_t>(1024, 2 * slots_.size()));
    const size_t mask = slots.size() - 1;
    for (size_t i = 0; i < size_; ++i) {
      const std::uint64_t h = At(i).hash;
      size_t s = h & mask;
      while (slots[s].entry != 0) s = (s + 1) & mask;
      slots[s] = {static_cast<std::uint32_t>(h >> 32),
                  static_cast<std::uint32_t>(i + 1)};
    }
    slots_.swap(slots);
  }
  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<Entry[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace embargo::internal

#endif  // EMBARGO_MATCH_FLAT_MEMO_H_
