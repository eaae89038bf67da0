// Index snapshots: the loaded lists and their built NameIndex written to one
// file, and read back by mapping the file into memory. The index's arrays
// are used in place (no parsing, no copying); the lists' entities are
// decoded from a compact binary form. A file written by another embargo
// version, by code with other normalization rules, or on a machine with
// another byte order or data layout is refused with a message saying so.
// Every offset in the file is checked before it is used, so a damaged or
// hostile file is an error, never a crash.
// Thread-safety: WriteSnapshot and OpenSnapshot are reentrant; an opened
// Snapshot is immutable and may be read from many threads.
#ifndef EMBARGO_INDEX_SNAPSHOT_H_
#define EMBARGO_INDEX_SNAPSHOT_H_

#include <memory>
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

// An opened snapshot: the mapping, the decoded lists, and an index whose
// arrays view the mapping. Keep it alive as long as the index is used.
class Snapshot {
 public:
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  std::vector<EntityList>& lists() { return lists_; }
  NameIndex& index() { return index_; }
  size_t file_bytes() const { return size_; }

 private:
  friend Result<std::unique_ptr<Snapshot>> OpenSnapshot(const std::string& path);
  Snapshot() = default;
  void* map_ = nullptr;
  size_t size_ = 0;
  std::vector<EntityList> lists_;
  NameIndex index_;
};

// Maps `path` and validates it. The index's entity pointers refer to
// lists() of the returned object.
Result<std::unique_ptr<Snapshot>> OpenSnapshot(const std::string& path);

}  // namespace embargo::internal

#endif  // EMBARGO_INDEX_SNAPSHOT_H_
