#include "index/snapshot.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <system_error>
#include <thread>

namespace embargo::internal {

// Reads and attaches the NameIndex's arrays: the one place that knows them
// all, so that writing, reading and validating cannot drift apart.
class SnapshotAccess {
 public:
  template <typename F>
  static void ForEachArray(NameIndex& ix, F f) {
    NameIndex::ForEachArray(ix, f);
  }
  static void NewGeneration(NameIndex& ix) { ix.NewGeneration(); }
  static Status Validate(const NameIndex& ix, size_t entity_count);
};

namespace {

constexpr char kMagic[8] = {'E', 'M', 'B', 'A', 'R', 'G', 'O', '\x1a'};
constexpr std::uint32_t kByteOrderMark = 0x01020304u;
constexpr std::uint32_t kFormatVersion = 7;
constexpr size_t kAlign = 64;

#ifndef EMBARGO_VERSION
#define EMBARGO_VERSION "dev"
#endif
#ifndef EMBARGO_INDEX_FINGERPRINT
#define EMBARGO_INDEX_FINGERPRINT "unknown"
#endif

// ---- a byte buffer writer and a bounds-checked reader ---------------------

class Out {
 public:
  template <typename T>
  void Raw(T v) {
    buf_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void U8(std::uint8_t v) { Raw(v); }
  void U32(std::uint32_t v) { Raw(v); }
  void U64(std::uint64_t v) { Raw(v); }
  void Str(std::string_view s) {
    U32(static_cast<std::uint32_t>(s.size()));
    buf_.append(s);
  }
  void Strs(const std::vector<std::string>& v) {
    U32(static_cast<std::uint32_t>(v.size()));
    for (const auto& s : v) Str(s);
  }
  void Date(const PartialDate& d) {
    Raw(d.year);
    U8(d.month);
    U8(d.day);
  }
  std::string& buf() { return buf_; }

 private:
  std::string buf_;
};

// Reads what Out wrote. A read past the end sets failed() and yields zeros;
// callers check failed() once at the end of a record.
class In {
 public:
  In(const char* p, size_t n) : p_(p), end_(p + n) {}
  template <typename T>
  T Raw() {
    T v{};
    if (static_cast<size_t>(end_ - p_) < sizeof v) {
      failed_ = true;
      p_ = end_;
      return v;
    }
    std::memcpy(&v, p_, sizeof v);
    p_ += sizeof v;
    return v;
  }
  std::uint8_t U8() { return Raw<std::uint8_t>(); }
  std::uint32_t U32() { return Raw<std::uint32_t>(); }
  std::uint64_t U64() { return Raw<std::uint64_t>(); }
  // A count of items that each take at least `min_bytes`: larger than what
  // is left means a damaged file, not a reason to allocate gigabytes.
  std::uint32_t Count(size_t min_bytes = 1) {
    std::uint32_t n = U32();
    if (static_cast<size_t>(end_ - p_) / min_bytes < n) {
      failed_ = true;
      p_ = end_;
      return 0;
    }
    return n;
  }
  // A view into the bytes read: whoever keeps it copies it.
  std::string_view Str() {
    std::uint32_t n = Count(1);
    std::string_view s(p_, n);
    p_ += n;
    return s;
  }
  // Into `v`, whose strings keep their capacity when it is read into again.
  void Strs(std::vector<std::string>* v) {
    v->resize(Count(4));
    for (auto& s : *v) s = Str();
  }
  PartialDate Date() {
    PartialDate d;
    d.year = Raw<std::int16_t>();
    d.month = U8();
    d.day = U8();
    return d;
  }
  template <typename E>
  E Enum(int count) {
    std::uint8_t v = U8();
    if (v >= count) failed_ = true;
    return static_cast<E>(v < count ? v : 0);
  }
  bool failed() const { return failed_; }
  bool done() const { return p_ == end_; }

 private:
  const char* p_;
  const char* end_;
  bool failed_ = false;
};

// ---- entities --------------------------------------------------------------

void PutDateSpec(Out& o, const DateSpec& d) {
  o.Date(d.from);
  o.Date(d.to);
  o.U8(d.circa);
  o.Str(d.text);
}

void PutEntity(Out& o, const Entity& e) {
  o.Str(e.id);
  o.U8(static_cast<std::uint8_t>(e.kind));
  o.U32(static_cast<std::uint32_t>(e.names.size()));
  for (const Name& n : e.names) {
    o.Str(n.full);
    o.U8(static_cast<std::uint8_t>(n.type));
    o.U8(static_cast<std::uint8_t>(n.quality));
    o.U8(n.original_script);
    o.Str(n.language);
    o.Str(n.parts.given);
    o.Str(n.parts.middle);
    o.Str(n.parts.family);
    o.Str(n.parts.patronymic);
    o.Str(n.parts.other);
  }
  o.U32(static_cast<std::uint32_t>(e.birth_dates.size()));
  for (const DateSpec& d : e.birth_dates) PutDateSpec(o, d);
  o.Strs(e.birth_places);
  o.Strs(e.nationalities);
  o.Strs(e.citizenships);
  o.U8(static_cast<std::uint8_t>(e.gender));
  o.Strs(e.titles);
  o.Strs(e.positions);
  o.Strs(e.countries);
  o.U32(static_cast<std::uint32_t>(e.addresses.size()));
  for (const Address& a : e.addresses) {
    for (const std::string* s : {&a.street, &a.city, &a.region, &a.postal_code,
                                 &a.country, &a.country_text, &a.full, &a.note})
      o.Str(*s);
  }
  o.U32(static_cast<std::uint32_t>(e.identifiers.size()));
  for (const Identifier& id : e.identifiers) {
    o.U8(static_cast<std::uint8_t>(id.kind));
    o.Str(id.value);
    o.Str(id.country);
    o.Str(id.label);
    o.Str(id.notes);
  }
  const VesselInfo& v = e.vessel;
  for (const std::string* s :
       {&v.flag, &v.flag_text, &v.type, &v.tonnage, &v.gross_registered_tonnage,
        &v.owner, &v.build_date})
    o.Str(*s);
  o.Str(e.aircraft.model);
  o.Str(e.aircraft.operator_name);
  o.Str(e.aircraft.build_date);
  o.U32(static_cast<std::uint32_t>(e.programs.size()));
  for (const Program& p : e.programs) {
    o.Str(p.code);
    o.Str(p.name);
  }
  o.Date(e.listed_on);
  o.Strs(e.remarks);
  o.Strs(e.source_urls);
  o.Str(e.provenance.list);
  o.Str(e.provenance.record_id);
  o.Date(e.provenance.published);
  o.Str(e.provenance.file);
  o.U64(e.provenance.line);
}

// Reads a record PutEntity() wrote into `e`. With kKeep false it only
// reads it through, as opening a snapshot does for every record (the
// strings skipped, the lists' items read into one scratch item, `e` given
// only its kind): the same reads in the same order, so a record it accepts
// decodes whole with kKeep true. Copying every field was most of the time
// to a first answer.
template <bool kKeep>
void GetEntity(In& in, Entity& e) {
  auto str = [&](std::string& s) {
    const std::string_view v = in.Str();
    if constexpr (kKeep) s = v;
  };
  auto strs = [&](std::vector<std::string>& v) {
    if constexpr (kKeep) {
      in.Strs(&v);
    } else {
      for (std::uint32_t n = in.Count(4); n > 0; --n) in.Str();
    }
  };
  auto items = [&](auto& v, size_t min_bytes, auto&& each) {
    const std::uint32_t n = in.Count(min_bytes);
    if constexpr (kKeep) {
      v.resize(n);
      for (auto& item : v) each(item);
    } else {
      typename std::remove_reference_t<decltype(v)>::value_type item{};
      for (std::uint32_t k = 0; k < n; ++k) each(item);
    }
  };
  str(e.id);
  e.kind = in.Enum<EntityKind>(kEntityKindCount);
  items(e.names, 8, [&](Name& n) {
    str(n.full);
    n.type = in.Enum<NameType>(4);
    n.quality = in.Enum<NameQuality>(4);
    n.original_script = in.U8() != 0;
    str(n.language);
    str(n.parts.given);
    str(n.parts.middle);
    str(n.parts.family);
    str(n.parts.patronymic);
    str(n.parts.other);
  });
  items(e.birth_dates, 13, [&](DateSpec& d) {
    d.from = in.Date();
    d.to = in.Date();
    d.circa = in.U8() != 0;
    str(d.text);
  });
  strs(e.birth_places);
  strs(e.nationalities);
  strs(e.citizenships);
  e.gender = in.Enum<Gender>(3);
  strs(e.titles);
  strs(e.positions);
  strs(e.countries);
  items(e.addresses, 32, [&](Address& a) {
    for (std::string* s : {&a.street, &a.city, &a.region, &a.postal_code,
                           &a.country, &a.country_text, &a.full, &a.note})
      str(*s);
  });
  items(e.identifiers, 17, [&](Identifier& id) {
    id.kind = in.Enum<IdKind>(kIdKindCount);
    str(id.value);
    str(id.country);
    str(id.label);
    str(id.notes);
  });
  VesselInfo& v = e.vessel;
  for (std::string* s : {&v.flag, &v.flag_text, &v.type, &v.tonnage,
                         &v.gross_registered_tonnage, &v.owner, &v.build_date})
    str(*s);
  str(e.aircraft.model);
  str(e.aircraft.operator_name);
  str(e.aircraft.build_date);
  items(e.programs, 8, [&](Program& p) {
    str(p.code);
    str(p.name);
  });
  e.listed_on = in.Date();
  strs(e.remarks);
  strs(e.source_urls);
  str(e.provenance.list);
  str(e.provenance.record_id);
  e.provenance.published = in.Date();
  str(e.provenance.file);
  e.provenance.line = in.U64();
}

std::string EncodeInfos(const std::vector<EntityList>& lists) {
  Out o;
  o.U32(static_cast<std::uint32_t>(lists.size()));
  for (const EntityList& l : lists) {
    const ListInfo& i = l.info;
    o.Str(i.name);
    o.Str(i.format);
    o.Strs(i.files);
    o.Date(i.published);
    o.Str(i.content_hash);
    o.U32(static_cast<std::uint32_t>(i.unknown_fields.size()));
    for (const auto& [k, v] : i.unknown_fields) {
      o.Str(k);
      o.U64(v);
    }
    o.Strs(i.warnings);
    o.U32(static_cast<std::uint32_t>(l.entities.size()));
  }
  return std::move(o.buf());
}

bool DecodeInfos(std::span<const char> bytes, std::vector<ListInfo>* infos,
                 std::vector<std::uint32_t>* sizes) {
  In in(bytes.data(), bytes.size());
  infos->resize(in.Count(32));
  sizes->resize(infos->size());
  for (size_t l = 0; l < infos->size(); ++l) {
    ListInfo& i = (*infos)[l];
    i.name = in.Str();
    i.format = in.Str();
    in.Strs(&i.files);
    i.published = in.Date();
    i.content_hash = in.Str();
    for (std::uint32_t k = 0, c = in.Count(12); k < c; ++k) {
      std::string key(in.Str());
      i.unknown_fields[key] = in.U64();
    }
    in.Strs(&i.warnings);
    (*sizes)[l] = in.U32();
    if (in.failed()) return false;
  }
  return !in.failed() && in.done();
}

// ---- the file ---------------------------------------------------------------

struct Section {
  std::string name;
  std::uint64_t offset = 0, bytes = 0;
  std::uint32_t elem = 0;
};

std::string EncodeHeader(const std::vector<Section>& sections,
                         std::uint64_t file_bytes) {
  Out o;
  o.U32(kFormatVersion);
  o.Str(SnapshotCodeVersion());
  o.Str(SnapshotMachine());
  o.U64(static_cast<std::uint64_t>(std::time(nullptr)));
  o.U64(file_bytes);
  o.U32(static_cast<std::uint32_t>(sections.size()));
  for (const Section& s : sections) {
    o.Str(s.name);
    o.U64(s.offset);
    o.U64(s.bytes);
    o.U32(s.elem);
  }
  return std::move(o.buf());
}

size_t AlignUp(size_t n) { return (n + kAlign - 1) / kAlign * kAlign; }

bool IsPow2Table(std::span<const std::uint64_t> slots, size_t items) {
  if (!std::has_single_bit(slots.size())) return false;
  bool any_empty = false;
  for (std::uint64_t slot : slots) {
    const auto v = static_cast<std::uint32_t>(slot);
    if (v > items) return false;
    any_empty |= v == 0;
  }
  return any_empty;  // a probe must end
}

bool ValidOffsets(std::span<const std::uint32_t> off, size_t items,
                  size_t members) {
  if (off.size() != items + 1 || off[0] != 0 || off[items] != members)
    return false;
  for (size_t i = 0; i < items; ++i)
    if (off[i] > off[i + 1]) return false;
  return true;
}

}  // namespace

Status SnapshotAccess::Validate(const NameIndex& ix, size_t nent) {
  const size_t pool = ix.pool_.size(), ntok = ix.tokens_.size(),
               nname = ix.names_.size(), nnt = ix.name_tokens_.size();
  auto fail = [](const char* what) {
    return Status::DataError(
        fmt::format("index section '{}' is inconsistent", what));
  };
  for (const StoredToken& t : ix.tokens_.view()) {
    for (auto [off, len] : {std::pair{t.text_off, t.text_len},
                            {t.key_off, t.key_len},
                            {t.phonetic_off, t.phonetic_len},
                            {t.skeleton_off, t.skeleton_len},
                            {t.abjad_off, t.abjad_len}})
      if (off > pool || len > pool - off) return fail("tokens");
    if (t.role > static_cast<std::uint8_t>(TokenRole::kNumber))
      return fail("tokens");
  }
  for (const IndexedName& n : ix.names_.view()) {
    if (n.entity >= nent || n.first_token > nnt ||
        n.token_count > nnt - n.first_token)
      return fail("names");
  }
  for (size_t i = 1; i < nname; ++i)
    if (ix.names_[i].entity < ix.names_[i - 1].entity) return fail("names");
  for (TokenId t : ix.name_tokens_.view())
    if (t >= ntok) return fail("name_tokens");
  if (!ValidOffsets(ix.post_off_.view(), ntok, ix.post_.size()))
    return fail("post_off");
  for (NameId n : ix.post_.view())
    if (n >= nname) return fail("post");
  if (!ValidOffsets(ix.weak_post_off_.view(), ntok, ix.weak_post_.size()))
    return fail("weak_post_off");
  for (NameId n : ix.weak_post_.view())
    if (n >= nname) return fail("weak_post");
  // Pairs of tokens: each first token's second ones ascending, each
  // pair's names in bounds.
  auto pairs = [&](const auto& first, const auto& second, const auto& off,
                   const auto& names) {
    const size_t n = second.size();
    if (!ValidOffsets(first.view(), ntok, n) ||
        !ValidOffsets(off.view(), n, names.size()))
      return false;
    for (TokenId a = 0; a < ntok; ++a)
      for (std::uint32_t p = first[a]; p < first[a + 1]; ++p)
        if (second[p] >= ntok || (p > first[a] && second[p] <= second[p - 1]))
          return false;
    for (NameId m : names.view())
      if (m >= nname) return false;
    return true;
  };
  const size_t npair = ix.pair_second_.size();
  if (!pairs(ix.pair_first_, ix.pair_second_, ix.pair_off_, ix.pair_names_))
    return fail("pairs");
  if (!pairs(ix.common_first_, ix.common_second_, ix.common_off_,
             ix.common_names_))
    return fail("common pairs");
  if (!IsPow2Table(ix.token_slots_.view(), ntok)) return fail("token_slots");
  auto group = [&](const GroupTable& g, size_t member_limit) {
    const size_t groups = g.offsets.size() == 0 ? 0 : g.offsets.size() - 1;
    if (!IsPow2Table(g.slots.view(), groups) ||
        !ValidOffsets(g.offsets.view(), groups, g.members.size()))
      return false;
    for (std::uint32_t m : g.members.view())
      if (m >= member_limit) return false;
    for (size_t i = 0; i < groups; ++i)  // a group's key is its first member's
      if (g.offsets[i] == g.offsets[i + 1]) return false;
    return true;
  };
  if (!group(ix.by_key_, ntok)) return fail("by_key");
  if (!group(ix.by_phonetic_, ntok)) return fail("by_phonetic");
  if (!group(ix.by_skeleton_, ntok)) return fail("by_skeleton");
  if (!group(ix.poor_by_skeleton_, ntok)) return fail("poor_by_skeleton");
  if (!group(ix.by_abjad_, ntok)) return fail("by_abjad");
  if (!group(ix.identifiers_, nent)) return fail("identifiers");
  if (ix.id_keys_.size() != 2 * (ix.identifiers_.offsets.size() - 1))
    return fail("id_keys");
  for (size_t i = 0; i < ix.id_keys_.size(); i += 2)
    if (ix.id_keys_[i] > pool || ix.id_keys_[i + 1] > pool - ix.id_keys_[i])
      return fail("id_keys");
  auto directory = [&](const HashDirectory& d, size_t ids) {
    const auto dir = d.dir.view();
    if (dir.size() < 2 || !std::has_single_bit(dir.size() - 1) ||
        !ValidOffsets(dir, dir.size() - 1, d.entries.size()) ||
        d.filter.size() != dir.size() - 1)
      return false;
    // A filter that lacks an entry's bits would hide it: checked as the
    // ids are (a bucket's filter is one word, read with its entries).
    const auto entries = d.entries.view();
    for (size_t b = 0; b + 1 < dir.size(); ++b)
      for (size_t i = dir[b]; i < dir[b + 1]; ++i)
        if (entries[i].id >= ids || !d.MayHold(b, entries[i].fp)) return false;
    return true;
  };
  if (!directory(ix.typos_, ntok)) return fail("typos");
  if (!directory(ix.joined_key_, npair)) return fail("joined_key");
  if (!directory(ix.joined_phonetic_, npair)) return fail("joined_phonetic");
  return Status::Ok();
}

std::string SnapshotCodeVersion() {
  return fmt::format("embargo {} (snapshot format {}, index code {})",
                     EMBARGO_VERSION, kFormatVersion,
                     EMBARGO_INDEX_FINGERPRINT);
}

std::string SnapshotMachine() {
  return fmt::format(
      "{}-endian, {}-bit, token {} B, name {} B",
      std::endian::native == std::endian::little ? "little" : "big",
      sizeof(void*) * 8, sizeof(StoredToken), sizeof(IndexedName));
}

Status WriteSnapshot(const std::string& path,
                     const std::vector<EntityList>& lists,
                     const NameIndex& index) {
  std::vector<std::pair<Section, std::span<const char>>> parts;
  std::string infos = EncodeInfos(lists);
  Out records;
  std::vector<std::uint64_t> offsets{0};
  for (const EntityList& l : lists)
    for (const Entity& e : l.entities) {
      PutEntity(records, e);
      offsets.push_back(records.buf().size());
    }
  parts.push_back({{"lists", 0, infos.size(), 1}, infos});
  parts.push_back({{"entities", 0, records.buf().size(), 1}, records.buf()});
  parts.push_back(
      {{"entity_offsets", 0, offsets.size() * 8, 8},
       {reinterpret_cast<const char*>(offsets.data()), offsets.size() * 8}});
  SnapshotAccess::ForEachArray(const_cast<NameIndex&>(index), [&](std::string
                                                                      name,
                                                                  auto& array) {
    using T =
        typename std::remove_reference_t<decltype(array.view())>::value_type;
    auto bytes = std::as_bytes(array.view());
    parts.push_back(
        {{std::move(name), 0, bytes.size(), sizeof(T)},
         {reinterpret_cast<const char*>(bytes.data()), bytes.size()}});
  });
  // The header's size depends on the offsets' values only through their
  // fixed width, so one pass with zeros sizes it.
  std::vector<Section> sections;
  sections.reserve(parts.size());
  for (const auto& p : parts) sections.push_back(p.first);
  size_t offset = AlignUp(sizeof kMagic + 8 + EncodeHeader(sections, 0).size());
  for (Section& s : sections) {
    s.offset = offset;
    offset = AlignUp(offset + s.bytes);
  }
  std::string header = EncodeHeader(sections, offset);

  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f)
      return Status::IoError(fmt::format("{}: {}", tmp, std::strerror(errno)));
    f.write(kMagic, sizeof kMagic);
    const std::uint32_t bom = kByteOrderMark;
    const auto header_len = static_cast<std::uint32_t>(header.size());
    f.write(reinterpret_cast<const char*>(&bom), 4);
    f.write(reinterpret_cast<const char*>(&header_len), 4);
    f.write(header.data(), static_cast<std::streamsize>(header.size()));
    size_t pos = sizeof kMagic + 8 + header.size();
    const std::string zeros(kAlign, '\0');
    for (size_t i = 0; i < parts.size(); ++i) {
      f.write(zeros.data(),
              static_cast<std::streamsize>(sections[i].offset - pos));
      f.write(parts[i].second.data(),
              static_cast<std::streamsize>(sections[i].bytes));
      pos = sections[i].offset + sections[i].bytes;
    }
    f.write(zeros.data(), static_cast<std::streamsize>(AlignUp(pos) - pos));
    f.flush();
    if (!f) {
      std::remove(tmp.c_str());
      return Status::IoError(fmt::format("{}: write failed", tmp));
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    Status s =
        Status::IoError(fmt::format("{}: {}", path, std::strerror(errno)));
    std::remove(tmp.c_str());
    return s;
  }
  return Status::Ok();
}

std::string_view Snapshot::EntityId(std::uint32_t e) const {
  In in(records_.data() + offsets_[e], offsets_[e + 1] - offsets_[e]);
  const std::uint32_t n = in.U32();
  return {records_.data() + offsets_[e] + 4, n};
}

EntityKind Snapshot::EntityKindOf(std::uint32_t e) const { return kinds_[e]; }

size_t Snapshot::EntityNameCount(std::uint32_t e) const {
  // PutEntity(): the id, the kind, then the names' count.
  const std::string_view id = EntityId(e);
  In in(id.data() + id.size() + 1, 4);
  return in.U32();
}

void Snapshot::DecodeEntity(std::uint32_t e, Entity* out) const {
  In in(records_.data() + offsets_[e], offsets_[e + 1] - offsets_[e]);
  GetEntity<true>(in, *out);
}

Snapshot::~Snapshot() {
  if (map_) munmap(map_, size_);
}

Result<std::unique_ptr<Snapshot>> OpenSnapshot(const std::string& path) {
  std::unique_ptr<Snapshot> snap(new Snapshot());
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return Status::NotFound(fmt::format("{}: no such index snapshot", path));
    return Status::IoError(fmt::format("{}: {}", path, std::strerror(errno)));
  }
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IoError(fmt::format("{}: {}", path, std::strerror(errno)));
  }
  const auto size = static_cast<size_t>(st.st_size);
  auto bad = [&](std::string why) {
    return Status::DataError(
        fmt::format("{}: not a usable index snapshot: {}", path, why));
  };
  if (size < sizeof kMagic + 8) {
    ::close(fd);
    return bad("file too short");
  }
  // Every page is read while validating: populating the mapping at once
  // costs less than a fault per page.
  void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED)
    return Status::IoError(
        fmt::format("{}: mmap: {}", path, std::strerror(errno)));
  snap->map_ = map;
  snap->size_ = size;
  const char* base = static_cast<const char*>(map);
  if (std::memcmp(base, kMagic, sizeof kMagic) != 0)
    return bad("it does not start with an embargo snapshot signature");
  std::uint32_t bom = 0, header_len = 0;
  std::memcpy(&bom, base + 8, 4);
  std::memcpy(&header_len, base + 12, 4);
  if (bom != kByteOrderMark)
    return Status::Unsupported(fmt::format(
        "{}: index snapshot written on a machine with another byte order; "
        "this machine is {}: rebuild it here with `embargo index build`",
        path, SnapshotMachine()));
  if (header_len > size - 16) return bad("header is truncated");
  In h(base + 16, header_len);
  const std::uint32_t format = h.U32();
  const std::string code(h.Str());
  const std::string machine(h.Str());
  if (h.failed()) return bad("header is truncated");
  if (format != kFormatVersion || code != SnapshotCodeVersion())
    return Status::Unsupported(fmt::format(
        "{}: index snapshot written by {}; this is {}: rebuild it with "
        "`embargo index build`",
        path, code, SnapshotCodeVersion()));
  if (machine != SnapshotMachine())
    return Status::Unsupported(fmt::format(
        "{}: index snapshot written on another kind of machine ({}); this "
        "machine is {}: rebuild it here with `embargo index build`",
        path, machine, SnapshotMachine()));
  h.U64();  // created
  if (h.U64() != size) return bad("file is truncated or has trailing bytes");
  std::vector<Section> sections(h.Count(24));
  for (Section& s : sections) {
    s.name = h.Str();
    s.offset = h.U64();
    s.bytes = h.U64();
    s.elem = h.U32();
  }
  if (h.failed()) return bad("header is truncated");
  size_t next = 0;
  auto section = [&](const std::string& name,
                     size_t elem) -> Result<std::span<const char>> {
    if (next >= sections.size() || sections[next].name != name)
      return bad(fmt::format("section '{}' missing", name));
    const Section& s = sections[next++];
    if (s.elem != elem || s.bytes % elem != 0 || s.offset % kAlign != 0 ||
        s.offset > size || s.bytes > size - s.offset)
      return bad(
          fmt::format("section '{}' is out of bounds or truncated", name));
    return std::span<const char>(base + s.offset, s.bytes);
  };
  auto infos = section("lists", 1);
  if (!infos.ok()) return infos.status();
  if (!DecodeInfos(*infos, &snap->infos_, &snap->sizes_))
    return bad("the lists section is damaged");
  auto records = section("entities", 1);
  if (!records.ok()) return records.status();
  auto offsets = section("entity_offsets", 8);
  if (!offsets.ok()) return offsets.status();
  snap->records_ = *records;
  snap->offsets_ = {reinterpret_cast<const std::uint64_t*>(offsets->data()),
                    offsets->size() / 8};
  size_t total = 0;
  for (std::uint32_t n : snap->sizes_) total += n;
  if (snap->offsets_.size() != total + 1 || snap->offsets_[0] != 0 ||
      snap->offsets_[total] != snap->records_.size())
    return bad("the entity offsets do not match the lists");
  // Every record must decode whole, so that DecodeEntity() cannot fail:
  // each is read through without keeping its strings. On a thread of its
  // own while this one checks the index's arrays: each check is a third
  // of `embargo search`'s start-up, and the other core is idle then.
  std::string records_damage;
  auto check_records = [&snap, &records_damage, total] {
    Entity scratch;
    snap->kinds_.reserve(total);
    for (size_t e = 0; e < total; ++e) {
      const std::uint64_t from = snap->offsets_[e], to = snap->offsets_[e + 1];
      if (from > to || to > snap->records_.size()) {
        records_damage = "the entity offsets are out of bounds";
        return;
      }
      In in(snap->records_.data() + from, to - from);
      GetEntity<false>(in, scratch);
      if (in.failed() || !in.done()) {
        records_damage = fmt::format("entity record {} is damaged", e);
        return;
      }
      snap->kinds_.push_back(scratch.kind);
    }
  };
  // (Declared after everything the check reads, so that any return below
  // joins it first.)
  std::jthread records_checker;
  try {
    records_checker = std::jthread(check_records);
  } catch (const std::system_error&) {
    check_records();  // no thread to be had: checked here, in turn
  }
  Status status = Status::Ok();
  SnapshotAccess::ForEachArray(snap->index_, [&](const std::string& name,
                                                 auto& array) {
    using T =
        typename std::remove_reference_t<decltype(array.view())>::value_type;
    if (!status.ok()) return;
    auto bytes = section(name, sizeof(T));
    if (!bytes.ok()) {
      status = bytes.status();
      return;
    }
    array.Attach(
        {reinterpret_cast<const T*>(bytes->data()), bytes->size() / sizeof(T)});
  });
  if (!status.ok()) return status;
  if (next != sections.size()) return bad("unexpected extra sections");
  SnapshotAccess::NewGeneration(snap->index_);
  Status valid = SnapshotAccess::Validate(snap->index_, total);
  if (records_checker.joinable()) records_checker.join();
  // (A damaged record is told first, as when the records were checked
  // before the arrays.)
  if (!records_damage.empty()) return bad(records_damage);
  if (!valid.ok()) return bad(valid.message());
  return snap;
}

}  // namespace embargo::internal
