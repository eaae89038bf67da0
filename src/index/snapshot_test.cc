#include "index/snapshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <utility>

#include "embargo/lists.h"

namespace embargo::internal {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The UN list (real data) and its index, written once for every test.
class SnapshotTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto list =
        LoadList(EMBARGO_SHARED_DATA "/un_sc/2026-02-27/UN_consolidated.xml");
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    lists_ = new std::vector<EntityList>();
    lists_->push_back(std::move(*list));
    std::vector<const Entity*> entities;
    for (const Entity& e : (*lists_)[0].entities) entities.push_back(&e);
    index_ = new NameIndex();
    index_->Build(entities);
    path_ = new std::string(
        (fs::temp_directory_path() /
         ("embargo_snapshot_test_" + std::to_string(::getpid()) + ".idx"))
            .string());
    ASSERT_TRUE(WriteSnapshot(*path_, *lists_, *index_).ok());
  }
  static void TearDownTestSuite() {
    fs::remove(*path_);
    delete path_;
    delete index_;
    delete lists_;
  }
  // Where the section `name` of `whole` (the snapshot's bytes) starts and
  // how many bytes it has, read from the header's entry for it.
  static std::pair<std::uint64_t, std::uint64_t> SectionOf(
      const std::string& whole, const std::string& name) {
    const size_t at = whole.find(name);
    EXPECT_NE(at, std::string::npos) << name;
    std::uint64_t offset = 0, bytes = 0;
    if (at == std::string::npos) return {offset, bytes};
    std::memcpy(&offset, whole.data() + at + name.size(), 8);
    std::memcpy(&bytes, whole.data() + at + name.size() + 8, 8);
    // (Out of bounds, none: the callers assert that there are bytes.)
    EXPECT_LE(offset + bytes, whole.size()) << name;
    if (offset + bytes > whole.size()) return {0, 0};
    return {offset, bytes};
  }
  // Clears the first 4-byte word that is not zero among `bytes` bytes of
  // `b` from `offset` (a typo bucket's filter word, which then lacks its
  // entries' bits).
  static void ClearFirstWord(std::string& b, std::uint64_t offset,
                             std::uint64_t bytes) {
    for (size_t i = offset; i < offset + bytes; i += 4) {
      std::uint32_t word = 0;
      std::memcpy(&word, b.data() + i, 4);
      if (word == 0) continue;
      word = 0;
      std::memcpy(b.data() + i, &word, 4);
      return;
    }
  }
  // A copy of the snapshot with `edit` applied, for the refusal tests.
  std::string Edited(const std::function<void(std::string&)>& edit) {
    std::string bytes = ReadAll(*path_);
    edit(bytes);
    std::string p = *path_ + ".edited";
    WriteAll(p, bytes);
    return p;
  }

  static std::vector<EntityList>* lists_;
  static NameIndex* index_;
  static std::string* path_;
};

std::vector<EntityList>* SnapshotTest::lists_ = nullptr;
NameIndex* SnapshotTest::index_ = nullptr;
std::string* SnapshotTest::path_ = nullptr;

TEST_F(SnapshotTest, RoundTripsListsAndIndex) {
  auto snap = OpenSnapshot(*path_);
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  const Snapshot& sn = **snap;
  ASSERT_EQ(sn.infos().size(), 1u);
  const ListInfo& a = (*lists_)[0].info;
  const ListInfo& b = sn.infos()[0];
  EXPECT_EQ(b.name, a.name);
  EXPECT_EQ(b.format, a.format);
  EXPECT_EQ(b.files, a.files);
  EXPECT_EQ(b.published, a.published);
  EXPECT_EQ(b.content_hash, a.content_hash);
  EXPECT_EQ(b.unknown_fields, a.unknown_fields);
  EXPECT_EQ(b.warnings, a.warnings);
  // 730 persons + 273 entities (src/sources/lists_test.cc).
  ASSERT_EQ(sn.list_sizes(), std::vector<std::uint32_t>{1003});
  ASSERT_EQ(sn.entity_count(), 1003u);
  for (std::uint32_t i = 0; i < sn.entity_count(); ++i) {
    const Entity& x = (*lists_)[0].entities[i];
    Entity y;
    sn.DecodeEntity(i, &y);
    // EntityToJson writes every field the model has.
    ASSERT_EQ(EntityToJson(y), EntityToJson(x)) << x.id;
    ASSERT_EQ(y.provenance.line, x.provenance.line);
    ASSERT_EQ(sn.EntityId(i), x.id);
    ASSERT_EQ(sn.EntityKindOf(i), x.kind);
  }
  const NameIndex& ix = (*snap)->index();
  ASSERT_EQ(ix.name_count(), index_->name_count());
  ASSERT_EQ(ix.token_count(), index_->token_count());
  EXPECT_EQ(ix.MemoryBytes(), index_->MemoryBytes());
  for (TokenId t = 0; t < ix.token_count(); ++t) {
    ListedToken x = index_->token(t), y = ix.token(t);
    ASSERT_EQ(y.text, x.text);
    ASSERT_EQ(y.key, x.key);
    ASSERT_EQ(y.weight, x.weight);
    auto px = index_->postings(t), py = ix.postings(t);
    ASSERT_TRUE(std::equal(px.begin(), px.end(), py.begin(), py.end()));
    if (t % 17 == 0) {
      std::vector<TokenId> tx, ty;
      index_->TyposOf(x.text, &tx);
      ix.TyposOf(y.text, &ty);
      ASSERT_EQ(tx, ty) << x.text;
      ASSERT_EQ(ix.FindToken(x.text), t);
    }
  }
  // KPi.033's passport is in the identifier index of both.
  const Entity* kpi = nullptr;
  for (const Entity& e : (*lists_)[0].entities)
    if (e.provenance.record_id == "KPi.033") kpi = &e;
  ASSERT_NE(kpi, nullptr);
  ASSERT_FALSE(kpi->identifiers.empty());
  const Identifier& id = kpi->identifiers[0];
  EXPECT_EQ(ix.EntitiesWithIdentifier(id.kind, id.value).size(),
            index_->EntitiesWithIdentifier(id.kind, id.value).size());
  EXPECT_FALSE(ix.EntitiesWithIdentifier(id.kind, id.value).empty());
}

TEST_F(SnapshotTest, RefusesAnotherVersion) {
  std::string p = Edited([](std::string& b) {
    size_t at = b.find("index code ");
    ASSERT_NE(at, std::string::npos);
    b[at + 11] = b[at + 11] == '0' ? '1' : '0';
  });
  auto snap = OpenSnapshot(p);
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(
      snap.status().message().find(": index snapshot written by embargo "),
      std::string::npos)
      << snap.status().message();
  EXPECT_NE(
      snap.status().message().find("rebuild it with `embargo index build`"),
      std::string::npos);
  fs::remove(p);
}

TEST_F(SnapshotTest, RefusesAnotherMachine) {
  std::string p = Edited([](std::string& b) {
    size_t at = b.find("little-endian, 64-bit");
    ASSERT_NE(at, std::string::npos);
    b.replace(at, 6, "middle");  // same length: only the text differs
  });
  auto snap = OpenSnapshot(p);
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(snap.status().message(),
            p +
                ": index snapshot written on another kind of machine (middle-"
                "endian, 64-bit, token 44 B, name 20 B); this machine is " +
                SnapshotMachine() +
                ": rebuild it here with `embargo index build`");
  fs::remove(p);

  p = Edited(
      [](std::string& b) { std::swap(b[8], b[11]); });  // byte order mark
  snap = OpenSnapshot(p);
  ASSERT_FALSE(snap.ok());
  EXPECT_NE(snap.status().message().find("another byte order"),
            std::string::npos);
  fs::remove(p);
}

TEST_F(SnapshotTest, RefusesWhatIsNotASnapshot) {
  std::string p =
      Edited([](std::string& b) { b = "<?xml version=\"1.0\"?>\n<x/>\n"; });
  auto snap = OpenSnapshot(p);
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().message(),
            p + ": not a usable index snapshot: it does not start with an "
                "embargo snapshot signature");
  fs::remove(p);
  auto missing = OpenSnapshot(*path_ + ".missing");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(SnapshotTest, TruncatedFilesAreErrors) {
  const std::string whole = ReadAll(*path_);
  for (size_t cut : {size_t{0}, size_t{10}, size_t{100}, whole.size() / 7,
                     whole.size() / 2, whole.size() - 64, whole.size() - 1}) {
    std::string p = Edited([&](std::string& b) { b.resize(cut); });
    auto snap = OpenSnapshot(p);
    ASSERT_FALSE(snap.ok()) << "cut at " << cut;
    EXPECT_EQ(snap.status().code(), StatusCode::kDataError) << cut;
    EXPECT_NE(snap.status().message().find("not a usable index snapshot"),
              std::string::npos)
        << snap.status().message();
    fs::remove(p);
  }
}

TEST_F(SnapshotTest, RefusesAFilterThatHidesAnEntry) {
  // A typo bucket's filter word that lacks an entry's bits would make its
  // lookups find nothing: the snapshot is refused, not served half blind.
  const std::pair<std::uint64_t, std::uint64_t> filter =
      SectionOf(ReadAll(*path_), "typos.filter");
  ASSERT_GT(filter.second, 0u);
  // Unedited, it opens; with its first non-empty word cleared, it does not.
  ASSERT_TRUE(OpenSnapshot(*path_).ok());
  std::string p = Edited(
      [&](std::string& b) { ClearFirstWord(b, filter.first, filter.second); });
  auto snap = OpenSnapshot(p);
  ASSERT_FALSE(snap.ok());
  EXPECT_NE(snap.status().message().find("typos"), std::string::npos)
      << snap.status().message();
  fs::remove(p);
}

TEST_F(SnapshotTest, ADamagedRecordIsToldBeforeDamagedArrays) {
  // The records are checked on a thread of their own while the index's
  // arrays are checked: with both damaged, the refusal names the record,
  // as when the records were checked first, whichever check ends first.
  const std::string whole = ReadAll(*path_);
  // (Plain variables: clang refuses lambdas that capture structured
  // bindings.)
  const std::pair<std::uint64_t, std::uint64_t> rec =
      SectionOf(whole, "entities");
  const std::pair<std::uint64_t, std::uint64_t> fil =
      SectionOf(whole, "typos.filter");
  const std::uint64_t records = rec.first, records_bytes = rec.second;
  const std::uint64_t filter = fil.first, filter_bytes = fil.second;
  ASSERT_GT(records_bytes, 8u);
  ASSERT_GT(filter_bytes, 0u);
  auto damage_record = [&](std::string& b) {
    // The first record's kind, after its id (a 4-byte length, the bytes).
    std::uint32_t id_len = 0;
    std::memcpy(&id_len, b.data() + records, 4);
    b[records + 4 + id_len] = static_cast<char>(0xFF);
  };
  auto damage_filter = [&](std::string& b) {
    ClearFirstWord(b, filter, filter_bytes);
  };
  for (int round = 0; round < 5; ++round) {
    std::string p = Edited([&](std::string& b) {
      damage_record(b);
      damage_filter(b);
    });
    auto snap = OpenSnapshot(p);
    ASSERT_FALSE(snap.ok());
    EXPECT_NE(snap.status().message().find("entity record 0 is damaged"),
              std::string::npos)
        << snap.status().message();
    fs::remove(p);
  }
  // Each alone is refused for its own reason.
  std::string p = Edited(damage_record);
  auto snap = OpenSnapshot(p);
  ASSERT_FALSE(snap.ok());
  EXPECT_NE(snap.status().message().find("entity record 0 is damaged"),
            std::string::npos);
  p = Edited(damage_filter);
  snap = OpenSnapshot(p);
  ASSERT_FALSE(snap.ok());
  EXPECT_NE(snap.status().message().find("typos"), std::string::npos)
      << snap.status().message();
  fs::remove(p);
}

TEST_F(SnapshotTest, DamagedBytesNeverCrash) {
  // Whatever a damaged byte does, opening either fails cleanly or gives an
  // index whose every lookup stays in bounds (the sanitizer builds check).
  const std::string whole = ReadAll(*path_);
  std::mt19937 rng(5);
  int refused = 0;
  for (int round = 0; round < 60; ++round) {
    std::string p = Edited([&](std::string& b) {
      for (int k = 0; k < 4; ++k) {
        char& c = b[rng() % b.size()];
        c = static_cast<char>(c ^ static_cast<char>(1 + rng() % 255));
      }
    });
    auto snap = OpenSnapshot(p);
    if (!snap.ok()) {
      ++refused;
    } else {
      // The records opening read through decode within their bytes (the
      // sanitizer builds check).
      Entity e;
      for (std::uint32_t k = 0; k < (*snap)->entity_count(); ++k)
        (*snap)->DecodeEntity(k, &e);
      const NameIndex& ix = (*snap)->index();
      for (TokenId t = 0; t < ix.token_count(); t += 97) {
        std::vector<TokenId> out;
        ix.TyposOf(ix.token(t).text, &out);
        ix.FindToken(ix.token(t).text);
        ix.TokensWithKey(ix.token(t).key);
        (void)ix.postings(t);
      }
    }
    fs::remove(p);
  }
  EXPECT_GT(refused, 0);
}

}  // namespace
}  // namespace embargo::internal
