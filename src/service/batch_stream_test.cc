#include "service/batch_stream.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "embargo/lists.h"

namespace embargo::service {
namespace {

class BatchStreamTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto lists = LoadLists({std::string(EMBARGO_SHARED_DATA) +
                            "/un_sc/2026-02-27/UN_consolidated.xml"});
    ASSERT_TRUE(lists.ok());
    auto s = Screener::Build(std::move(*lists));
    ASSERT_TRUE(s.ok());
    screener_ = s->release();
  }
  static void TearDownTestSuite() { delete screener_; }
  static const Screener* screener_;
};
const Screener* BatchStreamTest::screener_ = nullptr;

std::string ScreenCsvText(const Screener& s, const std::string& csv) {
  std::string path =
      (std::filesystem::temp_directory_path() / "embargo-bs-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  ::close(fd);
  std::ofstream(path) << csv;
  std::string out;
  auto r = ScreenCsv(s, path, ScreenOptions{},
                     [&](std::string_view t) { out.append(t); });
  std::filesystem::remove(path);
  EXPECT_TRUE(r.ok());
  return out;
}

TEST_F(BatchStreamTest, CsvOutputIsByteIdenticalToScreenCsv) {
  std::string csv = "id,name,kind,birth_date,country,passport,imo,bic\n";
  const char* rows[] = {
      "1,KIM JONG SIK,person,1967,KP,,,",
      "2,\"Herard, Dimitri\",,,,,,",
      "3,,,,,,,",
      "4,John Smith,spaceship,1970-02-31,Atlantis,,,",
      "5,KOREA MINING DEVELOPMENT TRADING CORPORATION,organization,,,,,",
      "6,Nobody,,,,,9123456,",
  };
  for (int i = 0; i < 50; ++i)
    for (const char* r : rows) csv += std::string(r) + "\n";
  std::string got;
  int chunks = 0;
  BatchOptions opts;
  opts.chunk_rows = 64;
  opts.threads = 2;
  auto r = ScreenBatch(*screener_, csv, BatchFormat::kCsv, opts,
                       [&](std::string_view t) {
                         got.append(t);
                         ++chunks;
                         return true;
                       });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows, 300u);
  EXPECT_EQ(r->rows_with_errors, 100u);  // rows 3 and 4, fifty times each
  EXPECT_EQ(chunks, 5);                  // 300 rows in chunks of 64
  EXPECT_EQ(got, ScreenCsvText(*screener_, csv));
}

TEST_F(BatchStreamTest, JsonLinesRowsAndErrors) {
  std::string body =
      "{\"id\":\"x\",\"name\":\"KIM JONG SIK\",\"birth_date\":\"1967\"}\r\n"
      "\n"
      "[1,2]\n"
      "{\"name\":\"\\u00ff\\u00fe\", \"dob\":\"bad\"}\n";
  std::string out;
  auto r = ScreenBatch(*screener_, body, BatchFormat::kJsonl, BatchOptions{},
                       [&](std::string_view t) {
                         out.append(t);
                         return true;
                       });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows, 3u);
  std::vector<nlohmann::json> lines;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t nl = out.find('\n', pos);
    lines.push_back(nlohmann::json::parse(out.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["id"], "x");
  EXPECT_EQ(lines[0]["matches"][0]["entity_id"], "un-KPi.066");
  EXPECT_EQ(lines[1]["id"], "3");
  EXPECT_EQ(lines[1]["error"], "not a JSON object");
  EXPECT_EQ(lines[2]["id"], "4");
  EXPECT_EQ(lines[2]["line"], 4);
  EXPECT_EQ(lines[2]["error"], "field birth_date: bad date 'bad'");
}

TEST_F(BatchStreamTest, LimitsAndMalformedInput) {
  EXPECT_EQ(
      PlanBatch("name\na\nb\nc\n", BatchFormat::kCsv, {.max_rows = 3}).value(),
      3u);
  auto over =
      PlanBatch("name\na\nb\nc\nd\n", BatchFormat::kCsv, {.max_rows = 3});
  EXPECT_EQ(over.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(over.status().message(), "the batch has more than 3 rows");
  EXPECT_EQ(
      PlanBatch("{}\n\n{}\n", BatchFormat::kJsonl, {.max_rows = 3}).value(),
      2u);
  EXPECT_EQ(PlanBatch("{}\n{}\n{}\n{}\n", BatchFormat::kJsonl, {.max_rows = 3})
                .status()
                .code(),
            StatusCode::kLimitExceeded);
  auto no_name = PlanBatch("id,x\n1,2\n", BatchFormat::kCsv, {});
  EXPECT_EQ(no_name.status().code(), StatusCode::kDataError);
  EXPECT_EQ(PlanBatch("", BatchFormat::kCsv, {}).status().code(),
            StatusCode::kDataError);
  // Names over the limit or not UTF-8 are row errors, never searched.
  std::string out;
  BatchOptions opts;
  opts.max_name_bytes = 10;
  auto r = ScreenBatch(*screener_, "name\nKIM JONG SIK THE LONG\n\xff\xfe\n",
                       BatchFormat::kCsv, opts, [&](std::string_view t) {
                         out.append(t);
                         return true;
                       });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(out,
            "{\"id\":\"2\",\"line\":2,\"error\":\"field name: longer than the "
            "limit of 10 bytes\","
            "\"matches\":[]}\n"
            "{\"id\":\"3\",\"line\":3,\"error\":\"field name: invalid "
            "UTF-8 at byte 1\",\"matches\":[]}\n");
}

TEST_F(BatchStreamTest, StopsWhenTheConsumerGoes) {
  std::string csv = "name\n";
  for (int i = 0; i < 5000; ++i) csv += "KIM JONG SIK\n";
  int chunks = 0;
  BatchOptions opts;
  opts.chunk_rows = 100;
  auto r = ScreenBatch(*screener_, csv, BatchFormat::kCsv, opts,
                       [&](std::string_view) { return ++chunks < 3; });
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  EXPECT_EQ(r.status().message(), "output closed");
  EXPECT_EQ(chunks, 3);
}

}  // namespace
}  // namespace embargo::service
