#include "service/api_keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace embargo::service {
namespace {

// Hands out fresh folders and removes them when the test ends.
class ApiKeysTest : public ::testing::Test {
 protected:
  std::string TempDir() {
    std::string t =
        (std::filesystem::temp_directory_path() / "embargo-keys-XXXXXX")
            .string();
    dirs_.push_back(::mkdtemp(t.data()));
    return dirs_.back();
  }
  void TearDown() override {
    for (const auto& d : dirs_) std::filesystem::remove_all(d);
  }
  std::vector<std::string> dirs_;
};

std::string FileText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

TEST_F(ApiKeysTest, AddStoresOnlyTheHash) {
  std::string dir = TempDir() + "/state";
  auto key = AddApiKey(dir, KeyScope::kAdmin, "ops laptop");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  ASSERT_EQ(key->size(), 4u + 8 + 1 + 43);
  EXPECT_EQ(key->substr(0, 4), "emb_");
  std::string file = FileText(ApiKeyFile(dir));
  EXPECT_EQ(file.find(*key), std::string::npos);
  EXPECT_NE(file.find(Sha256Hex(*key)), std::string::npos);
  EXPECT_NE(file.find("ops laptop"), std::string::npos);
  struct stat st;
  ASSERT_EQ(::stat(ApiKeyFile(dir).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  auto records = ReadApiKeys(dir);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].id, key->substr(4, 8));
  EXPECT_EQ((*records)[0].scope, KeyScope::kAdmin);
  EXPECT_FALSE((*records)[0].revoked);
}

TEST_F(ApiKeysTest, VerifyScopesAndRevocation) {
  std::string dir = TempDir();
  auto screen = AddApiKey(dir, KeyScope::kScreen, "");
  auto admin = AddApiKey(dir, KeyScope::kAdmin, "");
  ASSERT_TRUE(screen.ok() && admin.ok());
  EXPECT_NE(*screen, *admin);
  ApiKeyStore store(dir);
  ASSERT_TRUE(store.Reload().ok());
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(store.Verify(*screen), KeyScope::kScreen);
  EXPECT_EQ(store.Verify(*admin), KeyScope::kAdmin);
  EXPECT_EQ(store.Verify("emb_00000000_nope"), std::nullopt);
  EXPECT_EQ(store.Verify(""), std::nullopt);
  EXPECT_EQ(store.Verify(screen->substr(0, screen->size() - 1)), std::nullopt);
  EXPECT_TRUE(ScopeAllows(KeyScope::kAdmin, KeyScope::kScreen));
  EXPECT_FALSE(ScopeAllows(KeyScope::kScreen, KeyScope::kAdmin));
  ASSERT_TRUE(RevokeApiKey(dir, screen->substr(4, 8)).ok());
  ASSERT_TRUE(store.Reload().ok());
  EXPECT_EQ(store.Verify(*screen), std::nullopt);
  EXPECT_EQ(store.Verify(*admin), KeyScope::kAdmin);
  EXPECT_EQ(RevokeApiKey(dir, "ffffffff").code(), StatusCode::kNotFound);
}

TEST_F(ApiKeysTest, MalformedFileIsAnErrorAndKeepsOldKeys) {
  std::string dir = TempDir();
  auto key = AddApiKey(dir, KeyScope::kScreen, "");
  ApiKeyStore store(dir);
  ASSERT_TRUE(store.Reload().ok());
  std::ofstream(ApiKeyFile(dir), std::ios::app) << "garbage line\n";
  Status st = store.Reload();
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_NE(st.message().find("api_keys:3: malformed key record"),
            std::string::npos)
      << st.message();
  EXPECT_EQ(store.Verify(*key), KeyScope::kScreen);
}

TEST_F(ApiKeysTest, ParseScope) {
  EXPECT_EQ(ParseKeyScope("screen"), KeyScope::kScreen);
  EXPECT_EQ(ParseKeyScope("admin"), KeyScope::kAdmin);
  EXPECT_EQ(ParseKeyScope("root"), std::nullopt);
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Each thread hashes with a context of its own, kept between calls: the
// same answers on every thread, call after call, and for the empty text.
TEST(Sha256HexTest, ThreadsKeepingTheirContextsAgree) {
  const std::string abc =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  const std::string empty =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        wrong[t] += Sha256Hex("abc") != abc;
        wrong[t] += Sha256Hex("") != empty;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace embargo::service
