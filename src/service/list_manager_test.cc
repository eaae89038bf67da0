#include "service/list_manager.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "embargo/lists.h"

namespace embargo::service {
namespace {

namespace fs = std::filesystem;

const std::string kUn2026 =
    std::string(EMBARGO_SHARED_DATA) + "/un_sc/2026-02-27/UN_consolidated.xml";
const std::string kUn2025 = std::string(EMBARGO_SHARED_DATA) +
                            "/un_sc/2025-08-02/consolidatedLegacyByPRN.xml";
const std::string kOfacCons =
    std::string(EMBARGO_SHARED_DATA) + "/ofac_consolidated/2025-12-19";

std::string TempDir() {
  std::string t = (fs::temp_directory_path() / "embargo-lm-XXXXXX").string();
  return ::mkdtemp(t.data());
}

void Install(const std::string& from, const std::string& to) {
  fs::copy_file(from, to + ".tmp", fs::copy_options::overwrite_existing);
  fs::rename(to + ".tmp", to);
}

TEST(ListManagerTest, LoadsAndVersionsByContent) {
  ListManager m({.specs = {kUn2026, kOfacCons}});
  EXPECT_EQ(m.Current(), nullptr);
  EXPECT_FALSE(m.Ready());
  ASSERT_TRUE(m.ReloadNow().ok());
  auto snap = m.Current();
  ASSERT_NE(snap, nullptr);
  EXPECT_TRUE(m.Ready());
  EXPECT_EQ(snap->generation, 1u);
  EXPECT_EQ(snap->screener->entity_count(), 1003u + 442u);
  ASSERT_EQ(snap->list_specs.size(), 2u);
  EXPECT_EQ(snap->list_specs[0], kUn2026);
  EXPECT_EQ(snap->list_specs[1], kOfacCons);
  EXPECT_EQ(snap->version.size(), 16u);
  EXPECT_EQ(snap->version, ListsVersion(snap->screener->summaries()));
  // The same content again: a new generation, the same version.
  ASSERT_TRUE(m.ReloadNow().ok());
  EXPECT_EQ(m.Current()->generation, 2u);
  EXPECT_EQ(m.Current()->version, snap->version);
  // The old snapshot stays whole while it is held.
  EXPECT_EQ(snap->screener->entity_count(), 1445u);
  ReloadState st = m.state();
  EXPECT_EQ(st.attempts, 2u);
  EXPECT_EQ(st.successes, 2u);
  EXPECT_EQ(st.failures, 0u);
}

TEST(ListManagerTest, BrokenFileKeepsThePreviousVersion) {
  std::string dir = TempDir();
  std::string un = dir + "/un.xml";
  Install(kUn2026, un);
  ListManager m({.specs = {un}});
  ASSERT_TRUE(m.ReloadNow().ok());
  std::string v1 = m.Current()->version;
  {
    std::ifstream in(kUn2026);
    std::stringstream b;
    b << in.rdbuf();
    std::ofstream(un) << b.str().substr(0, 500000);
  }
  Status st = m.ReloadNow();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("un.xml"), std::string::npos) << st.ToString();
  EXPECT_EQ(m.Current()->version, v1);
  EXPECT_EQ(m.Current()->screener->entity_count(), 1003u);
  EXPECT_TRUE(m.Ready());
  ReloadState rs = m.state();
  EXPECT_TRUE(rs.last_failed);
  EXPECT_EQ(rs.failures, 1u);
  EXPECT_EQ(rs.last_error, st.ToString());
  // A missing file too.
  fs::remove(un);
  EXPECT_FALSE(m.ReloadNow().ok());
  EXPECT_EQ(m.Current()->version, v1);
  Install(kUn2026, un);
  EXPECT_TRUE(m.ReloadNow().ok());
  EXPECT_FALSE(m.state().last_failed);
  fs::remove_all(dir);
}

TEST(ListManagerTest, ShrinkBeyondTheFractionFailsWithinItPasses) {
  std::string dir = TempDir();
  std::string un = dir + "/un.xml";
  Install(kUn2026, un);
  ListManager strict({.specs = {un}, .max_entity_drop = 0.10});
  ASSERT_TRUE(strict.ReloadNow().ok());
  Install(kUn2025, un);
  Status st = strict.ReloadNow();
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(),
            "refresh: list un_sc would fall from 1003 to 879 entities (12.4%, "
            "more than "
            "the 10.0% allowed)");
  EXPECT_EQ(strict.Current()->screener->entity_count(), 1003u);

  Install(kUn2026, un);
  ListManager loose({.specs = {un}, .max_entity_drop = 0.13});
  ASSERT_TRUE(loose.ReloadNow().ok());
  Install(kUn2025, un);
  EXPECT_TRUE(loose.ReloadNow().ok());
  EXPECT_EQ(loose.Current()->screener->entity_count(), 879u);
  // Growth is always fine.
  Install(kUn2026, un);
  EXPECT_TRUE(strict.ReloadNow().ok());
  fs::remove_all(dir);
}

// Serving an index snapshot: each refresh opens the file again, with the
// same checks; a shrunken or truncated snapshot leaves the served version.
TEST(ListManagerTest, SnapshotRefreshesFailClosed) {
  std::string dir = TempDir();
  auto write = [&](const std::string& list, const std::string& to) {
    auto lists = LoadLists({list});
    ASSERT_TRUE(lists.ok()) << lists.status().ToString();
    auto s = Screener::Build(std::move(*lists));
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->SaveSnapshot(to).ok());
  };
  const std::string idx = dir + "/lists.idx";
  ASSERT_NO_FATAL_FAILURE(write(kUn2026, idx));
  ListManager m({.snapshot = idx, .max_entity_drop = 0.10});
  EXPECT_FALSE(m.Ready());
  ASSERT_TRUE(m.ReloadNow().ok());
  EXPECT_TRUE(m.Ready());
  auto first = m.Current();
  EXPECT_EQ(first->screener->entity_count(), 1003u);
  ASSERT_EQ(first->list_specs.size(), 1u);
  EXPECT_EQ(first->list_specs[0], idx);
  EXPECT_EQ(first->version, ListsVersion(first->screener->summaries()));
  Query q;
  q.name = "Ri Je-son";
  auto found = first->screener->Search(q);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].entity->id, "un-KPi.002");

  // 2025's list has 12.4% fewer entities: refused, 2026's still served.
  ASSERT_NO_FATAL_FAILURE(write(kUn2025, dir + "/shrunk.idx"));
  Install(dir + "/shrunk.idx", idx);
  Status st = m.ReloadNow();
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(),
            "refresh: list un_sc would fall from 1003 to 879 entities (12.4%, "
            "more than the 10.0% allowed)");
  EXPECT_EQ(m.Current()->generation, 1u);
  EXPECT_EQ(m.Current()->screener->entity_count(), 1003u);

  // A truncated file (a copy cut short): refused by Open().
  ASSERT_NO_FATAL_FAILURE(write(kUn2026, dir + "/whole.idx"));
  fs::copy_file(dir + "/whole.idx", dir + "/cut.idx");
  fs::resize_file(dir + "/cut.idx", fs::file_size(dir + "/whole.idx") / 2);
  Install(dir + "/cut.idx", idx);
  EXPECT_FALSE(m.ReloadNow().ok());
  EXPECT_TRUE(m.state().last_failed);
  EXPECT_EQ(m.Current()->generation, 1u);
  EXPECT_TRUE(m.Ready());

  // A whole snapshot again: swapped in.
  Install(dir + "/whole.idx", idx);
  ASSERT_TRUE(m.ReloadNow().ok());
  EXPECT_EQ(m.Current()->generation, 2u);
  EXPECT_EQ(m.Current()->version, first->version);
  fs::remove_all(dir);
}

TEST(ListManagerTest, AListMissingFromAFolderFails) {
  std::string dir = TempDir();
  fs::create_directory(dir + "/lists");
  Install(kUn2026, dir + "/lists/un.xml");
  for (const char* f :
       {"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"})
    Install(kOfacCons + "/" + f, dir + "/lists/" + f);
  ListManager m({.specs = {dir + "/lists"}});
  ASSERT_TRUE(m.ReloadNow().ok());
  EXPECT_EQ(m.Current()->screener->lists().size(), 2u);
  fs::remove(dir + "/lists/un.xml");
  Status st = m.ReloadNow();
  EXPECT_EQ(st.message(),
            "refresh: list un_sc is served now but missing from the new load");
  EXPECT_EQ(m.Current()->screener->lists().size(), 2u);
  // An empty folder holds no list at all.
  for (const char* f :
       {"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"})
    fs::remove(dir + "/lists/" + f);
  EXPECT_FALSE(m.ReloadNow().ok());
  fs::remove_all(dir);
}

TEST(ListManagerTest, BackgroundThreadLoadsAndReloadsOnRequest) {
  std::atomic<int> calls{0};
  ListManager m(
      {.specs = {kOfacCons}, .on_reload = [&](const Status&) { ++calls; }});
  m.Start();
  for (int i = 0; i < 400 && !m.Ready(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  ASSERT_TRUE(m.Ready());
  m.RequestReload();
  for (int i = 0; i < 400 && m.state().successes < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_EQ(m.state().successes, 2u);
  m.Stop();
  EXPECT_EQ(calls.load(), 2);
}

TEST(ListManagerTest, IntervalRefreshes) {
  ListManager m({.specs = {kOfacCons}, .interval = std::chrono::seconds(1)});
  m.Start();
  for (int i = 0; i < 200 && m.state().successes < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_GE(m.state().successes, 2u);
}

}  // namespace
}  // namespace embargo::service
