// Index snapshots: the loaded lists and their built NameIndex written to one
// file, and read back by mapping the file into memory. The index's arrays
// are used in place (no parsing, no copying); the lists' entities are kept
// in a compact binary form and decoded one by one when needed. A file written
// by another embargo version, by code with other normalization rules, or on a
// machine with another byte order or data layout is refused with a message
// saying so. Every offset in the file is checked before it is used, so a
// damaged or hostile file is an error, never a crash. Thread-safety:
// WriteSnapshot and OpenSnapshot are reentrant; an opened Snapshot is immutable
// and may be read from many threads.
#ifndef EMBARGO_INDEX_SNAPSHOT_H_
#define EMBARGO_INDEX_SNAPSHOT_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "embargo/entity.h"
#include "embargo/status.h"
#include "index/name_index.h"

namespace embargo::internal {

// What a snapshot identifies itself by; both must equal the reader's own.
// `code` covers the embargo version and a fingerprint of the source of the
// normalization and index stages (a change there changes every token).
std::string SnapshotCodeVersion();
// The byte order, word size and layout of the index's records.
std::string SnapshotMachine();

// Writes `lists` and `index` (built over exactly those lists' entities, in
// order) to `path`, through a temporary file renamed into place.
Status WriteSnapshot(const std::string& path,
                     const std::vector<EntityList>& lists,
                     const NameIndex& index);

// An opened snapshot: the mapping, the lists' descriptions, an index whose
// arrays view the mapping, and the entities, still encoded: each is decoded
// when asked for, so opening costs the same whatever the lists hold.
class Snapshot {
 public:
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  // The lists in order, without their entities; list l holds the next
  // list_sizes()[l] entities.
  const std::vector<ListInfo>& infos() const { return infos_; }
  const std::vector<std::uint32_t>& list_sizes() const { return sizes_; }
  size_t entity_count() const {
    return offsets_.empty() ? 0 : offsets_.size() - 1;
  }
  // Read in place, without decoding the entity.
  std::string_view EntityId(std::uint32_t e) const;
  EntityKind EntityKindOf(std::uint32_t e) const;
  size_t EntityNameCount(std::uint32_t e) const;  // Entity::names.size()
  // Decodes entity e (checked when the snapshot was opened: cannot fail).
  void DecodeEntity(std::uint32_t e, Entity* out) const;
  NameIndex& index() { return index_; }

 private:
  friend Result<std::unique_ptr<Snapshot>> OpenSnapshot(
      const std::string& path);
  Snapshot() = default;
  void* map_ = nullptr;
  size_t size_ = 0;
  std::vector<ListInfo> infos_;
  std::vector<std::uint32_t> sizes_;
  std::span<const char> records_;           // the entities, encoded
  std::span<const std::uint64_t> offsets_;  // entity e: records_[o[e]..o[e+1])
  // Read off the records as they are checked on open: a search filters by
  // kind, and reading it in the records costs a cache miss each.
  std::vector<EntityKind> kinds_;
  NameIndex index_;
};

// Maps `path` and validates every part of it.
Result<std::unique_ptr<Snapshot>> OpenSnapshot(const std::string& path);

}  // namespace embargo::internal

#endif  // EMBARGO_INDEX_SNAPSHOT_H_
