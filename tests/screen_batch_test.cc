// End-to-end batch screening over a real list: the output contract of
// `embargo screen` (one line per input row, in input order, errors kept) and
// determinism across thread counts.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "embargo/lists.h"
#include "embargo/screen.h"
#include "sources/loader_test_util.h"

namespace embargo {
namespace {

class ScreenBatchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto lists = LoadLists({std::string(EMBARGO_SHARED_DATA) +
                            "/un_sc/2026-02-27/UN_consolidated.xml"});
    ASSERT_TRUE(lists.ok()) << lists.status().ToString();
    auto s = Screener::Build(std::move(*lists));
    ASSERT_TRUE(s.ok());
    screener_ = s->release();
  }
  static void TearDownTestSuite() { delete screener_; }

  std::string Write(const std::string& content) {
    files_.push_back(std::make_unique<internal::TempFile>(
        "batch_" + std::to_string(files_.size()) + ".csv", content));
    return files_.back()->path();
  }

  std::string Run(const std::string& path, const ScreenOptions& opts,
                  ScreenSummary* summary = nullptr) {
    std::string out;
    auto r = ScreenCsv(*screener_, path, opts,
                       [&](std::string_view s) { out.append(s); });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (r.ok() && summary) *summary = *r;
    return out;
  }

  static Screener* screener_;
  std::vector<std::unique_ptr<internal::TempFile>> files_;
};
Screener* ScreenBatchTest::screener_ = nullptr;

TEST_F(ScreenBatchTest, OneLinePerRowInOrderWithErrorsKept) {
  std::string path = Write(
      "id,name,birth_date,country\n"
      "a1,RI WON HO,1964-07-17,KP\n"
      "a2,,,\n"
      "a3,Jane Smith,31/02/1980,GB\n"
      "a4,Ri Won-ho,,\n"
      "a5,Maria Lopez,,Atlantis\n");
  ScreenSummary summary;
  std::string out = Run(path, {}, &summary);
  std::istringstream lines(out);
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);)
    rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0]["id"], "a1");
  ASSERT_FALSE(rows[0]["matches"].empty());
  EXPECT_EQ(rows[0]["matches"][0]["entity_id"], "un-KPi.033");
  EXPECT_EQ(rows[0]["matches"][0]["name"], "RI WON HO");
  EXPECT_EQ(rows[0]["matches"][0]["list"], "un_sc");
  EXPECT_EQ(rows[0]["matches"][0]["score"], 1);
  EXPECT_EQ(rows[1]["id"], "a2");
  EXPECT_EQ(rows[1]["line"], 3);
  EXPECT_EQ(rows[1]["error"], "field name: empty");
  EXPECT_TRUE(rows[1]["matches"].empty());
  EXPECT_EQ(rows[2]["error"], "field birth_date: bad date '31/02/1980'");
  EXPECT_EQ(rows[3]["matches"][0]["entity_id"], "un-KPi.033");
  EXPECT_EQ(rows[4]["error"], "field country: unknown country 'Atlantis'");
  EXPECT_EQ(summary.rows, 5u);
  EXPECT_EQ(summary.rows_with_hits, 2u);
  EXPECT_EQ(summary.rows_with_errors, 3u);
}

// A name past the limits is reported and not screened, but the row's
// identifiers still are: a passport of a listed person must not pass
// because the name field was garbage (regression: ScreenCsv used to skip
// the whole row, while the server's /screen screened the identifiers).
TEST_F(ScreenBatchTest, OverlongNameStillScreensIdentifiers) {
  std::string path =
      Write("id,name,passport\nb1," + std::string(2000, 'x') + ",381310014\n");
  auto row = nlohmann::json::parse(Run(path, {}));
  EXPECT_EQ(row["error"], "field name: longer than the limit of 1024 bytes");
  ASSERT_EQ(row["matches"].size(), 1u) << row.dump();
  EXPECT_EQ(row["matches"][0]["entity_id"], "un-KPi.033");
}

TEST_F(ScreenBatchTest, ScoresSortedThresholdAndLimitHonoured) {
  std::string path = Write("name\nKIM\nAl Qaida\n");
  ScreenOptions opts;
  opts.search.threshold = 0.0;
  opts.search.limit = 3;
  std::istringstream lines(Run(path, opts));
  for (std::string line; std::getline(lines, line);) {
    auto row = nlohmann::json::parse(line);
    ASSERT_EQ(row["matches"].size(), 3u) << line;
    for (size_t i = 1; i < row["matches"].size(); ++i)
      EXPECT_GE(row["matches"][i - 1]["score"].get<double>(),
                row["matches"][i]["score"].get<double>());
  }
  opts.search.threshold = 0.99;
  std::istringstream strict(Run(path, opts));
  for (std::string line; std::getline(strict, line);) {
    auto row = nlohmann::json::parse(line);
    for (const auto& m : row["matches"])
      EXPECT_GE(m["score"].get<double>(), 0.99);
  }
}

TEST_F(ScreenBatchTest, SameOutputOnAnyThreadCount) {
  std::ifstream in(std::string(EMBARGO_SOURCE_DIR) + "/examples/customers.csv");
  std::stringstream buf;
  buf << in.rdbuf();
  // Repeat the example so chunks and threads really interleave.
  std::string body = buf.str();
  std::string header = body.substr(0, body.find('\n') + 1);
  std::string rows = body.substr(header.size());
  std::string big = header;
  for (int i = 0; i < 40; ++i) big += rows;
  std::string path = Write(big);
  std::string reference;
  for (int threads : {1, 2, 4, 7}) {
    ScreenOptions opts;
    opts.threads = threads;
    std::string out = Run(path, opts);
    if (reference.empty()) reference = out;
    EXPECT_EQ(out, reference) << threads << " threads";
  }
  EXPECT_FALSE(reference.empty());
}

// A file of several chunks: each chunk is screened while the one before is
// written and the one after read. The lines come in input order on any
// thread count, and a bad line in the third chunk stops the file there
// with the first two chunks written, as when chunks were read and written
// between screenings.
TEST_F(ScreenBatchTest, ChunksOverlapTheirReadingAndWriting) {
  std::string body = "id,name\n";
  const char* names[] = {"RI WON HO", "Jane Smith", "KIM JONG UN",
                         "Ahmed Hassan", "Yun Ho-jin"};
  constexpr int kRows = 20000;  // three chunks of 8192 rows
  for (int i = 0; i < kRows; ++i)
    body += fmt::format("r{},{} {}\n", i, names[i % 5], i % 97);
  const std::string path = Write(body);
  std::string reference;
  for (int threads : {1, 2, 3}) {
    ScreenOptions opts;
    opts.threads = threads;
    ScreenSummary summary;
    const std::string out = Run(path, opts, &summary);
    EXPECT_EQ(summary.rows, static_cast<size_t>(kRows));
    if (reference.empty()) reference = out;
    EXPECT_EQ(out, reference) << threads << " threads";
  }
  std::istringstream lines(reference);
  std::string line;
  int n = 0;
  while (std::getline(lines, line))
    ASSERT_EQ(nlohmann::json::parse(line)["id"], fmt::format("r{}", n++));
  EXPECT_EQ(n, kRows);

  // The last line opens a quote it never closes.
  const std::string bad = Write(body + "r20000,\"unclosed\n");
  for (int threads : {1, 2}) {
    ScreenOptions opts;
    opts.threads = threads;
    std::string out;
    auto r = ScreenCsv(*screener_, bad, opts,
                       [&](std::string_view s) { out.append(s); });
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("20002"), std::string::npos)
        << r.status().ToString();
    EXPECT_EQ(out, reference.substr(0, out.size()));
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2 * 8192);
  }
}

TEST_F(ScreenBatchTest, CsvFormatHasOneLinePerRow) {
  std::string path = Write("id,name\nx,RI WON HO\ny,Jane Smith\n");
  ScreenOptions opts;
  opts.format = OutputFormat::kCsv;
  std::string out = Run(path, opts);
  EXPECT_EQ(out.substr(0, out.find('\n')),
            "id,match_count,best_score,best_entity_id,best_name,best_list,"
            "matches,error");
  EXPECT_NE(out.find("\nx,1,1,un-KPi.033,RI WON HO,un_sc,un-KPi.033:1,\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\ny,0,,,,,,\n"), std::string::npos) << out;
}

// fuzz_screen_csv: ill-formed UTF-8 in a field (F5 BC 8F 9A, past U+10FFFF)
// reached the jsonl output unchanged, and the line was not JSON.
TEST_F(ScreenBatchTest, FuzzCrashIllFormedUtf8StillGivesJsonLines) {
  std::string path = Write(
      "id,name,country\n"
      "C0012,Acme Trading Co. Ltd.,U\xAD\xD3\xF5\xBC\x8F\x9Arson\n"
      "\xF4\x90\x80\x80,RI WON HO,KP\n");
  ScreenSummary summary;
  std::string out = Run(path, ScreenOptions{}, &summary);
  EXPECT_EQ(summary.rows, 2u);
  std::istringstream lines(out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(j.is_discarded()) << "line " << n << " is not JSON";
    ++n;
  }
  EXPECT_EQ(n, 2);
}

TEST_F(ScreenBatchTest, MissingNameColumnFailsNamingTheFile) {
  std::string path = Write("id,fullname\n1,x\n");
  std::string out;
  auto r =
      ScreenCsv(*screener_, path, {}, [&](std::string_view s) { out += s; });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            path +
                ":1: no 'name' column in the header (columns: id, name, "
                "kind, birth_date, country, passport, imo, bic)");
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace embargo
