// Runs the embargo binary as a user would.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

Outcome Embargo(const std::string& args) {
  Outcome r;
  std::string cmd = std::string(EMBARGO_BINARY) + " " + args + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("embargo_cli_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    un_ = std::string(EMBARGO_SHARED_DATA) +
          "/un_sc/2026-02-27/UN_consolidated.xml";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::string un_;
};

TEST_F(CliTest, SnapshotBuildThenSearchAnswersLikeTheLists) {
  const std::string idx = (dir_ / "un.idx").string();
  Outcome build = Embargo("index build --list " + un_ + " --out " + idx);
  ASSERT_EQ(build.exit_code, 0) << build.out;
  EXPECT_NE(build.out.find("1 lists, 1003 entities"), std::string::npos)
      << build.out;
  Outcome from_lists = Embargo("search 'Ri Je-son' --json --list " + un_);
  Outcome from_index = Embargo("search 'Ri Je-son' --json --index " + idx);
  EXPECT_EQ(from_lists.exit_code, 1) << from_lists.out;  // 1: hits found
  EXPECT_EQ(from_index.exit_code, 1) << from_index.out;
  EXPECT_EQ(from_index.out, from_lists.out);
  EXPECT_NE(from_index.out.find("\"un-KPi."), std::string::npos);
  Outcome info = Embargo("index info " + idx);
  EXPECT_EQ(info.exit_code, 0);
  EXPECT_NE(info.out.find("1003 entities"), std::string::npos) << info.out;
}

TEST_F(CliTest, IndexAndListsTogetherIsAUsageError) {
  Outcome r = Embargo("search 'x' --index " + (dir_ / "a.idx").string() +
                      " --list " + un_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("--index already holds the lists"), std::string::npos)
      << r.out;
  Outcome missing =
      Embargo("search 'x' --index " + (dir_ / "none.idx").string());
  EXPECT_EQ(missing.exit_code, 4) << missing.out;
  EXPECT_NE(missing.out.find("no such index snapshot"), std::string::npos);
}

// Regression: a file whose only row without hits could not be screened
// exited 0, "no hits", as if every row were clear.
TEST_F(CliTest, ScreenWithARowNotScreenedIsNeverClear) {
  const fs::path csv = dir_ / "customers.csv";
  std::ofstream(csv) << "id,name\nc1,Jane Smith\nc2,Bad \xff Name\n";
  const fs::path out = dir_ / "results.jsonl";
  Outcome r = Embargo("screen " + csv.string() + " --list " + un_ + " --out " +
                      out.string());
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("2 rows: 0 with hits, 1 with errors"), std::string::npos)
      << r.out;
  std::ifstream in(out);
  const std::string written((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(written,
            "{\"id\":\"c1\",\"matches\":[]}\n"
            "{\"id\":\"c2\",\"line\":3,\"error\":\"field name: invalid "
            "UTF-8 at byte 5\",\"matches\":[]}\n");
  // With a hit elsewhere, the hits' exit code stands.
  std::ofstream(csv) << "id,name\nc1,Ri Je-son\nc2,Bad \xff Name\n";
  r = Embargo("screen " + csv.string() + " --list " + un_ + " --out " +
              out.string());
  EXPECT_EQ(r.exit_code, 1) << r.out;
}

// Regression: --out /dev/null once replaced the device with a regular file
// (results were written beside the target and renamed over it).
TEST_F(CliTest, ScreenWritesIntoAPipeWithoutReplacingIt) {
  const fs::path csv = dir_ / "customers.csv";
  std::ofstream(csv) << "id,name\nc1,Ri Je-son\nc2,Jane Smith\n";
  const fs::path fifo = dir_ / "results.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Holding a write end open lets the reader open at once and see the end
  // only when we close it: were the pipe replaced, the test fails instead
  // of waiting forever.
  const int keep = ::open(fifo.c_str(), O_RDWR);
  ASSERT_GE(keep, 0);
  std::string received;
  std::thread reader([&] {
    std::ifstream in(fifo);
    received.assign(std::istreambuf_iterator<char>(in), {});
  });
  Outcome r = Embargo("screen " + csv.string() + " --list " + un_ + " --out " +
                      fifo.string());
  ::close(keep);
  reader.join();
  EXPECT_EQ(r.exit_code, 1) << r.out;
  struct stat st {};
  ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_FALSE(fs::exists(fifo.string() + ".tmp"));
  EXPECT_EQ(std::count(received.begin(), received.end(), '\n'), 2);
  EXPECT_EQ(received.rfind("{\"id\":\"c1\",\"matches\":[{", 0), 0u) << received;
}

}  // namespace
