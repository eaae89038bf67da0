#include "sources/csv_reader.h"

#include <gtest/gtest.h>

namespace embargo::internal {
namespace {

std::vector<std::vector<std::string>> ReadAll(
    std::string data, CsvOptions opts = {}, Status* status = nullptr,
    std::vector<uint64_t>* lines = nullptr) {
  CsvReader r(MemoryByteStream(std::move(data)), "t.csv", opts);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> f;
  while (r.Next(&f)) {
    out.push_back(f);
    if (lines) lines->push_back(r.line());
  }
  if (status) *status = r.status();
  return out;
}

TEST(CsvReaderTest, QuotesSeparatorsAndNewlines) {
  std::vector<uint64_t> lines;
  auto rows = ReadAll("a,\"b,c\",\"d\"\"e\"\n\"multi\nline\",x\r\nlast,\"\"",
                      {}, nullptr, &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,c", "d\"e"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"multi\nline", "x"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"last", ""}));
  EXPECT_EQ(lines, (std::vector<uint64_t>{1, 2, 4}));
}

TEST(CsvReaderTest, MixedLineEndingsBomAndDosEof) {
  std::vector<uint64_t> lines;
  auto rows = ReadAll("\xEF\xBB\xBFh1,h2\rr1,x\r\nr2,y\nr3,z\r\n\x1A", {},
                      nullptr, &lines);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "h1");
  EXPECT_EQ(rows[3], (std::vector<std::string>{"r3", "z"}));
  EXPECT_EQ(lines, (std::vector<uint64_t>{1, 2, 3, 4}));
}

TEST(CsvReaderTest, UnclosedQuoteIsAnErrorNamingTheLine) {
  Status st;
  auto rows = ReadAll("a,b\nc,\"never closed\n", {}, &st);
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(),
            "t.csv:2: quoted field never closed (file truncated?)");
}

TEST(CsvReaderTest, TooManyFieldsIsALimitError) {
  Status st;
  CsvOptions opts;
  opts.max_fields = 10;
  ReadAll(std::string(20, ','), opts, &st);
  EXPECT_EQ(st.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(st.message(), "t.csv:1: more than 10 fields in one record");
}

TEST(CsvReaderTest, TabSeparated) {
  CsvOptions opts;
  opts.separator = '\t';
  auto rows = ReadAll("\"a\"\t\"b c\"\n", opts);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b c"}));
}

}  // namespace
}  // namespace embargo::internal
