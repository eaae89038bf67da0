#include "screen/unmatched_names.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace embargo::internal {

const UnmatchedNames::Key& UnmatchedNames::KeyOf(std::string_view name,
                                                 double level) {
  // Insert() follows Contains() with the same name: hashed once.
  thread_local Key key;
  char bytes[sizeof level];
  std::memcpy(bytes, &level, sizeof level);
  if (key.text.size() == sizeof bytes + name.size() &&
      std::memcmp(key.text.data(), bytes, sizeof bytes) == 0 &&
      std::string_view(key.text).substr(sizeof bytes) == name)
    return key;
  key.text.assign(bytes, sizeof bytes);
  key.text.append(name);
  key.hash = std::hash<std::string_view>{}(key.text);
  return key;
}

size_t UnmatchedNames::Shard::Find(std::string_view key,
                                   std::uint64_t hash) const {
  const size_t mask = slots.size() - 1;
  // The shard was chosen by the hash's high bits; the slot by its low ones.
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots[i];
    if (s.size == 0 || (s.hash == hash &&
                        std::string_view(keys).substr(s.offset, s.size) == key))
      return i;
  }
}

bool UnmatchedNames::Contains(std::string_view name, double level) const {
  const Key& key = KeyOf(name, level);
  const Shard& shard = shards_[ShardOf(key)];
  std::lock_guard lock(shard.mu);
  return !shard.slots.empty() &&
         shard.slots[shard.Find(key.text, key.hash)].size != 0;
}

void UnmatchedNames::Insert(std::string_view name, double level) {
  const Key& key = KeyOf(name, level);
  Shard& shard = shards_[ShardOf(key)];
  std::lock_guard lock(shard.mu);
  if (shard.count >= kMaxPerShard ||
      shard.keys.size() + key.text.size() > kMaxBytes / kShards) {
    shard.keys.clear();
    shard.slots.assign(shard.slots.size(), Slot{});
    shard.count = 0;
  }
  if (2 * (shard.count + 1) > shard.slots.size()) {
    std::vector<Slot> old(std::max<size_t>(64, 2 * shard.slots.size()));
    old.swap(shard.slots);
    for (const Slot& s : old)
      if (s.size != 0)
        shard.slots[shard.Find(
            std::string_view(shard.keys).substr(s.offset, s.size), s.hash)] = s;
  }
  Slot& slot = shard.slots[shard.Find(key.text, key.hash)];
  if (slot.size != 0) return;
  slot = {key.hash, static_cast<std::uint32_t>(shard.keys.size()),
          static_cast<std::uint32_t>(key.text.size())};
  shard.keys += key.text;
  ++shard.count;
}

size_t UnmatchedNames::size() const {
  size_t n = 0;
  for (const Shard& s : shards_) {
    std::lock_guard lock(s.mu);
    n += s.count;
  }
  return n;
}

}  // namespace embargo::internal
