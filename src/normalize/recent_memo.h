// A direct-mapped memo of a pure function of a short string: screening
// meets the same given names and surnames row after row, and their keys
// (romanization, phonetic, abjad) cost a table lookup or a parse each. A
// slot holds the last key that hashed to it; a collision only computes
// again. Meant to be held thread_local: one per thread, no locks. And the
// slot arrays that such memos (here and in the matcher) keep their slots
// in, built as they are first touched.
// Thread-safety: none; one instance per thread.
#ifndef EMBARGO_NORMALIZE_RECENT_MEMO_H_
#define EMBARGO_NORMALIZE_RECENT_MEMO_H_

#include <array>
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>

namespace embargo::internal {

// `n` slots' bytes from calloc, zero: a large block's pages come from the
// kernel zeroed and are mapped when first written, so slots never touched
// cost no page fault. Freed with free(); throws std::bad_alloc as `new`.
template <typename Slot>
struct FreeSlots {
  void operator()(Slot* p) const { std::free(p); }
};
template <typename Slot>
std::unique_ptr<Slot, FreeSlots<Slot>> CallocSlots(size_t n) {
  static_assert(alignof(Slot) <= alignof(std::max_align_t));
  std::unique_ptr<Slot, FreeSlots<Slot>> slots(
      static_cast<Slot*>(std::calloc(n, sizeof(Slot))));
  if (!slots) throw std::bad_alloc();
  return slots;
}

// kSlots slots of a thread's memo, constructed a block at a time on the
// first touch of the block, in one array from CallocSlots. Constructed
// whole, a thread's memos wrote megabytes before its first query: about
// half of the 3,100 page faults of an `embargo search` (a fault costs
// microseconds on a virtual machine), and as long again destroying them
// at exit. A screening thread soon touches every block; one query, a few.
// (One array, not a block apiece: a memo's random reads stay within one
// range of pages, as when it was one vector; blocks allocated apart
// measured between 0.7% faster and 4.1% slower in paired rounds of
// 200,000 rows, within the noise.)
// Thread-safety: none; one instance per thread.
template <typename Slot, size_t kSlots, size_t kBlock = 64>
class BlockedSlots {
  static_assert(kSlots % kBlock == 0);

 public:
  BlockedSlots() : slots_(CallocSlots<Slot>(kSlots)) {}
  ~BlockedSlots() {
    for (size_t b = 0; b < built_.size(); ++b)
      if (built_[b]) std::destroy_n(slots_.get() + b * kBlock, kBlock);
  }

  Slot& operator[](size_t i) {
    if (!built_[i / kBlock]) [[unlikely]]
      Build(i / kBlock);
    return slots_.get()[i];
  }

 private:
  // (Apart, so that the callers' inlining does not weigh a constructor
  // that runs once per block.)
  [[gnu::noinline]] void Build(size_t block) {
    std::uninitialized_value_construct_n(slots_.get() + block * kBlock, kBlock);
    built_[block] = true;
  }

  std::unique_ptr<Slot, FreeSlots<Slot>> slots_;
  std::array<bool, kSlots / kBlock> built_{};
};

// kSlots slots of a plain type whose zero bytes are its empty value, from
// CallocSlots as BlockedSlots' but with no block to construct: nothing to
// check at each access (the pair memo's 2.6 MB are read at every pair a
// query compares).
// Thread-safety: none; one instance per thread.
template <typename Slot, size_t kSlots>
class ZeroedSlots {
  static_assert(std::is_trivially_copyable_v<Slot> &&
                std::is_trivially_destructible_v<Slot>);

 public:
  ZeroedSlots() : slots_(CallocSlots<Slot>(kSlots)) {}
  Slot& operator[](size_t i) { return slots_.get()[i]; }

 private:
  std::unique_ptr<Slot, FreeSlots<Slot>> slots_;
};

template <typename Value, size_t kSlots>
class RecentMemo {
 public:
  // compute(): the value for `key`, called unless the slot holds it.
  // The reference stays valid until the next Get().
  template <typename Compute>
  const Value& Get(std::string_view key, Compute&& compute) {
    Slot& s = slots_[std::hash<std::string_view>{}(key) % kSlots];
    if (!s.used || s.key != key) {
      s.value = compute();
      s.key.assign(key);
      s.used = true;
    }
    return s.value;
  }

 private:
  struct Slot {
    std::string key;
    Value value{};
    bool used = false;
  };
  BlockedSlots<Slot, kSlots, (kSlots < 64 ? kSlots : 64)> slots_;
};

}  // namespace embargo::internal

#endif  // EMBARGO_NORMALIZE_RECENT_MEMO_H_
