// Lookups the loaders' tests share (test code only). Thread-safety: all
// reentrant.
#ifndef EMBARGO_SOURCES_LOADER_TEST_UTIL_H_
#define EMBARGO_SOURCES_LOADER_TEST_UTIL_H_

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/entity.h"

namespace embargo::internal {

// The entity with this id, or null.
inline const Entity* Find(const EntityList& list, std::string_view id) {
  for (const Entity& e : list.entities)
    if (e.id == id) return &e;
  return nullptr;
}

// Each name's full form, in order.
inline std::vector<std::string> Names(const Entity& e) {
  std::vector<std::string> out;
  for (const Name& n : e.names) out.push_back(n.full);
  return out;
}

inline bool Has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

inline int CountKind(const EntityList& list, EntityKind kind) {
  return static_cast<int>(
      std::count_if(list.entities.begin(), list.entities.end(),
                    [&](const Entity& e) { return e.kind == kind; }));
}

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_LOADER_TEST_UTIL_H_
