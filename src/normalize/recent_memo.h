// A direct-mapped memo of a pure function of a short string: screening
// meets the same given names and surnames row after row, and their keys
// (romanization, phonetic, abjad) cost a table lookup or a parse each. A
// slot holds the last key that hashed to it; a collision only computes
// again. Meant to be held thread_local: one per thread, no locks.
// Thread-safety: none; one instance per thread.
#ifndef EMBARGO_NORMALIZE_RECENT_MEMO_H_
#define EMBARGO_NORMALIZE_RECENT_MEMO_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace embargo::internal {

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
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
};

}  // namespace embargo::internal

#endif  // EMBARGO_NORMALIZE_RECENT_MEMO_H_
