#include "sources/csv_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

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

// The reader's grammar a byte at a time, as CsvReader read it before it
// took runs of plain bytes in one piece: the reference its fast path is
// checked against. Rows, each row's first line, and the error message.
struct ByBytes {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> lines;
  std::string error;
};
ByBytes ReadByBytes(const std::string& d, const CsvOptions& o) {
  ByBytes r;
  size_t pos = 0;
  std::uint64_t line = 1;
  auto peek = [&]() -> int {
    return pos < d.size() ? static_cast<unsigned char>(d[pos]) : -1;
  };
  auto get = [&] {
    const int c = peek();
    if (c >= 0) ++pos;
    return c;
  };
  if (d.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;
  if (d.compare(0, 2, "\xFF\xFE") == 0 || d.compare(0, 2, "\xFE\xFF") == 0) {
    r.error = fmt::format(
        "t.csv:1: UTF-16 text (byte order mark {}); save the file as UTF-8",
        d[0] == '\xFF' ? "FF FE" : "FE FF");
    return r;
  }
  for (;;) {
    for (;;) {
      const int c = peek();
      if (c == '\n') {
        ++pos, ++line;
      } else if (c == '\r') {
        ++pos;
        if (peek() == '\n') ++pos;
        ++line;
      } else if (c == 0x1A) {
        ++pos;
      } else {
        break;
      }
    }
    if (peek() < 0) return r;
    const std::uint64_t record_line = line;
    const size_t record_start = pos;
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false, was_quoted = false;
    for (;;) {
      const int c = get();
      if (c < 0) {
        if (quoted) {
          r.error = fmt::format(
              "t.csv:{}: quoted field never closed (file truncated?)",
              record_line);
          return r;
        }
        fields.push_back(field);
        break;
      }
      if (quoted) {
        if (c == '"') {
          if (peek() == '"') {
            ++pos;
            field += '"';
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line;
          if (c == '\r' && peek() != '\n') ++line;
          field += static_cast<char>(c);
        }
      } else if (c == o.separator) {
        fields.push_back(field);
        field.clear();
        was_quoted = false;
        if (fields.size() >= o.max_fields) {
          r.error = fmt::format("t.csv:{}: more than {} fields in one record",
                                record_line, o.max_fields);
          return r;
        }
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && peek() == '\n') ++pos;
        ++line;
        fields.push_back(field);
        break;
      } else if (c == '"' && !was_quoted &&
                 field.find_first_not_of(' ') == std::string::npos) {
        field.clear();
        quoted = true;
        was_quoted = true;
      } else if (c == '"' && !o.lenient_quotes) {
        r.error = fmt::format("t.csv:{}: field {}: stray quote", line,
                              fields.size() + 1);
        return r;
      } else if (c == 0x1A && peek() < 0) {
      } else {
        field += static_cast<char>(c);
      }
      if (c == 0) {
        r.error = fmt::format(
            "t.csv:{}: field {}: NUL byte (a binary or UTF-16 file?)", line,
            fields.size() + 1);
        return r;
      }
      if (pos - record_start > o.max_record_bytes) {
        r.error = fmt::format("t.csv:{}: record longer than {} bytes",
                              record_line, o.max_record_bytes);
        return r;
      }
      if (field.size() > o.max_field_bytes) {
        r.error =
            fmt::format("t.csv:{}: field {} longer than {} bytes", record_line,
                        fields.size() + 1, o.max_field_bytes);
        return r;
      }
    }
    r.rows.push_back(std::move(fields));
    r.lines.push_back(record_line);
  }
}

// Hands out its bytes `step` at a time, so that runs end at every place.
class TrickleStream : public ByteStream {
 public:
  TrickleStream(std::string data, size_t step)
      : data_(std::move(data)), step_(step) {}
  Result<size_t> Read(char* out, size_t n) override {
    n = std::min({n, step_, data_.size() - pos_});
    std::memcpy(out, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t step_;
  size_t pos_ = 0;
};

// Random records of the bytes the grammar turns on, under small limits,
// read whole and a few bytes at a time: the same rows, lines and errors as
// the byte-at-a-time reference.
TEST(CsvReaderTest, AgreesWithTheByteAtATimeReference) {
  std::mt19937 rng(20261130);
  const std::string alphabet = "ab ,,\"\"\n\r\t\x1A\xEF\xBB\xBF";
  int rows_read = 0, errors = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string data(rng() % 40, ' ');
    for (char& c : data) c = alphabet[rng() % alphabet.size()];
    if (!data.empty() && rng() % 50 == 0) data[rng() % data.size()] = '\0';
    CsvOptions o;
    o.separator = rng() % 4 == 0 ? '\t' : ',';
    o.max_field_bytes = 2 + rng() % 10;
    o.max_record_bytes = 4 + rng() % 30;
    o.max_fields = 2 + rng() % 6;
    o.lenient_quotes = rng() % 2 == 0;
    const ByBytes want = ReadByBytes(data, o);
    rows_read += static_cast<int>(want.rows.size());
    errors += !want.error.empty();
    for (size_t step : {size_t{1}, size_t{3}, size_t{1} << 16}) {
      CsvReader r(std::make_unique<TrickleStream>(data, step), "t.csv", o);
      ByBytes got;
      std::vector<std::string> f;
      while (r.Next(&f)) {
        got.rows.push_back(f);
        got.lines.push_back(r.line());
      }
      got.error = r.status().message();
      ASSERT_EQ(got.rows, want.rows) << testing::PrintToString(data);
      ASSERT_EQ(got.lines, want.lines) << testing::PrintToString(data);
      ASSERT_EQ(got.error, want.error) << testing::PrintToString(data);
    }
  }
  // Both rows and every kind of end were met.
  EXPECT_GT(rows_read, 15000);
  EXPECT_GT(errors, 2000);
}

}  // namespace
}  // namespace embargo::internal
