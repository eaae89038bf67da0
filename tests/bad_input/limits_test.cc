// Every limit of embargo/limits.h at its edge: the limit itself is
// accepted, one more is refused with the exact message. Where the limit is
// a parameter of the code that enforces it (XLSX, the server's configurable
// limits), the edge is tested at a small value and the default is checked to
// be the constant; elsewhere it is tested at the real value, with the input
// generated here. docs/reliability.md's table points at these tests.
#include "embargo/limits.h"

#include <gtest/gtest.h>
#include <zip.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "bad_input/bad_input_util.h"
#include "embargo/lists.h"
#include "embargo/screener.h"
#include "embargo/trade.h"
#include "service/batch_stream.h"
#include "sources/csv_reader.h"
#include "sources/io.h"
#include "sources/xlsx_reader.h"

namespace embargo::bad_input {
namespace {

using internal::CsvOptions;
using internal::CsvReader;
using internal::MemoryByteStream;

// Reads every record of `text`; the status at the end.
Status ReadCsv(std::string text, CsvOptions options = {}) {
  CsvReader reader(MemoryByteStream(std::move(text)), "t.csv", options);
  std::vector<std::string> fields;
  while (reader.Next(&fields)) {
  }
  return reader.status();
}

// `n` distinct lowercase words, e.g. "kaa kab kac".
std::string Words(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += 'k';
    out += static_cast<char>('a' + i / 26 % 26);
    out += static_cast<char>('a' + i % 26);
  }
  return out;
}

// ------------------------------------------------------------ query names

TEST(LimitsTest, QueryNameBytes) {
  Query q;
  q.name = std::string(kMaxQueryNameBytes, 'a');
  EXPECT_TRUE(ValidateQuery(q).ok());
  q.name += 'a';
  EXPECT_ERROR(ValidateQuery(q), StatusCode::kLimitExceeded,
               "name: longer than the limit of 1024 bytes");
  // A caller's lower limit (the server's max_name_bytes) applies; a higher
  // one does not lift the library's.
  q.name = "abcdef";
  EXPECT_TRUE(ValidateQuery(q, 6).ok());
  EXPECT_ERROR(ValidateQuery(q, 5), StatusCode::kLimitExceeded,
               "name: longer than the limit of 5 bytes");
  q.name = std::string(kMaxQueryNameBytes + 1, 'a');
  EXPECT_ERROR(ValidateQuery(q, 1 << 20), StatusCode::kLimitExceeded,
               "name: longer than the limit of 1024 bytes");
}

TEST(LimitsTest, QueryNameTokens) {
  Query q;
  q.name = Words(kMaxQueryNameTokens);
  EXPECT_TRUE(ValidateQuery(q).ok());
  q.name = Words(kMaxQueryNameTokens + 1);
  EXPECT_ERROR(ValidateQuery(q), StatusCode::kLimitExceeded,
               "name: more than 64 tokens (65)");
  // Few bytes, many tokens: U+FDFA is one character and four words.
  q.name = "";
  for (int i = 0; i < 17; ++i) q.name += "\xEF\xB7\xBA ";
  EXPECT_ERROR(ValidateQuery(q), StatusCode::kLimitExceeded,
               "name: more than 64 tokens (68)");
}

// --------------------------------------------------------- listed names

TEST(LimitsTest, ListedNameBytes) {
  TempFile ok("name_limit.ftm.json",
              FtmPerson("a", std::string(kMaxListedNameBytes, 'A')) + "\n");
  auto list = LoadList("ftm:" + ok.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  TempFile over(
      "name_over.ftm.json",
      FtmPerson("a", std::string(kMaxListedNameBytes + 1, 'A')) + "\n");
  EXPECT_ERROR(LoadList("ftm:" + over.path()).status(),
               StatusCode::kLimitExceeded,
               over.path() +
                   ":1: record a: field name: longer than the limit of 4096 "
                   "bytes");
}

// ------------------------------------------------------------ list files
// kMaxListFileBytes: OversizedTest in loaders_test.cc (sparse files at the
// limit and one byte past it).

// A gzip of `total` zero bytes, as concatenated members of 64 MiB (each
// deflates to some 65 KB), so 2 GiB costs little to make.
std::string ZeroGzip(std::uint64_t total) {
  auto gzip = [](std::uint64_t n) {
    std::string in(n, '\0');
    std::string out(compressBound(static_cast<uLong>(n)) + 64, '\0');
    z_stream zs{};
    EXPECT_EQ(deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
              Z_OK);
    zs.next_in = reinterpret_cast<Bytef*>(in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
  };
  const std::uint64_t kMember = 64u << 20;
  const std::string member = gzip(kMember);
  std::string out;
  for (std::uint64_t i = 0; i < total / kMember; ++i) out += member;
  if (total % kMember) out += gzip(total % kMember);
  return out;
}

// Drains the stream of `path`; the bytes it gave, or its error.
Result<std::uint64_t> Drain(const std::string& path) {
  auto stream = internal::OpenByteStream(path);
  if (!stream.ok()) return stream.status();
  std::string buf(1 << 20, '\0');
  std::uint64_t total = 0;
  while (true) {
    auto n = (*stream)->Read(buf.data(), buf.size());
    if (!n.ok()) return n.status();
    if (*n == 0) return total;
    total += *n;
  }
}

TEST(LimitsTest, DecompressedBytes) {
  {
    TempFile at("gz_limit.gz", ZeroGzip(kMaxDecompressedBytes));
    auto n = Drain(at.path());
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_EQ(*n, kMaxDecompressedBytes);
  }
  TempFile over("gz_over.gz", ZeroGzip(kMaxDecompressedBytes + 1));
  EXPECT_ERROR(Drain(over.path()).status(), StatusCode::kLimitExceeded,
               over.path() + ": decompresses to more than 2147483648 bytes");
  // Through a loader the same bomb stops sooner, at the first limit its
  // content meets (here the line length).
  EXPECT_ERROR(
      LoadList("ftm:" + over.path()).status(), StatusCode::kLimitExceeded,
      over.path() + ":1: line longer than the limit of 16777216 bytes");
}

TEST(LimitsTest, JsonLineBytes) {
  // A valid record padded to exactly the limit.
  const std::string head = FtmPerson("a", "A ONE");
  auto line = [&](size_t size) {
    std::string pad(size - head.size() - 9, 'x');
    return head.substr(0, head.size() - 1) + R"(,"pad":")" + pad + "\"}";
  };
  ASSERT_EQ(line(kMaxLineBytes).size(), kMaxLineBytes);
  TempFile at("line_limit.ftm.json", line(kMaxLineBytes) + "\n");
  auto list = LoadList("ftm:" + at.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  TempFile over("line_over.ftm.json", line(kMaxLineBytes + 1) + "\n");
  EXPECT_ERROR(
      LoadList("ftm:" + over.path()).status(), StatusCode::kLimitExceeded,
      over.path() + ":1: line longer than the limit of 16777216 bytes");
}

TEST(LimitsTest, JsonDepth) {
  auto nested = [](int depth) {
    // The record object is level 1; "x" holds depth - 1 more.
    return R"({"id":"a","schema":"Person","properties":{"name":["A"]},"x":)" +
           std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
  };
  TempFile at("depth_limit.ftm.json", nested(kMaxJsonDepth) + "\n");
  auto list = LoadList("ftm:" + at.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  TempFile over("depth_over.ftm.json", nested(kMaxJsonDepth + 1) + "\n");
  EXPECT_ERROR(
      LoadList("ftm:" + over.path()).status(), StatusCode::kLimitExceeded,
      over.path() + ":1: JSON nested deeper than 64 levels at byte 124");
}

TEST(LimitsTest, XmlDepth) {
  // The root is depth 0, <INDIVIDUALS> 1, <INDIVIDUAL> 2: `n` unknown
  // elements inside the record reach depth 2 + n.
  auto nested = [](int n) {
    std::string open, close;
    for (int i = 0; i < n; ++i) {
      open += "<X>";
      close += "</X>";
    }
    return UnFile(Individual("KPi.1", "KIM", open + close));
  };
  TempFile at("xml_depth_limit.xml", nested(kMaxXmlDepth - 2));
  auto list = LoadList(at.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  TempFile over("xml_depth_over.xml", nested(kMaxXmlDepth - 1));
  EXPECT_ERROR(LoadList(over.path()).status(), StatusCode::kLimitExceeded,
               over.path() + ":4: XML nested deeper than 64 levels");
}

// ------------------------------------------------------------------- CSV

TEST(LimitsTest, CsvFieldBytes) {
  EXPECT_TRUE(ReadCsv(std::string(kMaxCsvFieldBytes, 'x') + "\n").ok());
  EXPECT_ERROR(ReadCsv("a,b\n1," + std::string(kMaxCsvFieldBytes + 1, 'x')),
               StatusCode::kLimitExceeded,
               "t.csv:2: field 2 longer than 1048576 bytes");
}

TEST(LimitsTest, CsvFieldsPerRecord) {
  EXPECT_TRUE(ReadCsv(std::string(kMaxCsvFields - 1, ',') + "\n").ok());
  EXPECT_ERROR(ReadCsv(std::string(kMaxCsvFields, ',') + "\n"),
               StatusCode::kLimitExceeded,
               "t.csv:1: more than 4096 fields in one record");
}

TEST(LimitsTest, CsvRecordBytes) {
  // 16 fields, none past the field limit, and 15 commas.
  auto record = [](size_t first) {
    std::string r(first, 'x');
    for (int i = 1; i < 15; ++i)
      r += ',' + std::string(kMaxCsvFieldBytes - 1, 'x');
    r += ',' + std::string(kMaxCsvFieldBytes, 'x');
    return r;
  };
  ASSERT_EQ(record(kMaxCsvFieldBytes - 1).size(), kMaxCsvRecordBytes);
  EXPECT_TRUE(ReadCsv("h\n" + record(kMaxCsvFieldBytes - 1) + "\r\n").ok());
  EXPECT_ERROR(ReadCsv("h\n" + record(kMaxCsvFieldBytes) + "\n"),
               StatusCode::kLimitExceeded,
               "t.csv:2: record longer than 16777216 bytes");
}

// ------------------------------------------------------------------ XLSX

std::map<std::string, std::string> MinimalWorkbook(const std::string& sheet) {
  return {
      {"xl/workbook.xml",
       "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" r:id=\"rId1\"/>"
       "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"rId1\" "
       "Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet},
  };
}

Status ReadSheet(const std::string& path, internal::XlsxLimits limits = {}) {
  auto reader = internal::XlsxSheetReader::Open(path, limits);
  if (!reader.ok()) return reader.status();
  internal::XlsxRow row;
  while ((*reader)->Next(&row)) {
  }
  return (*reader)->status();
}

TEST(LimitsTest, XlsxMemberBytes) {
  EXPECT_EQ(internal::XlsxLimits{}.max_member_bytes, kMaxXlsxMemberBytes);
  const std::string sheet =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
      "x</t></is></c></row></sheetData></worksheet>";
  std::string path = ::testing::TempDir() + "bad_input_member.xlsx";
  WriteZip(path, MinimalWorkbook(sheet));
  internal::XlsxLimits limits;
  limits.max_member_bytes = sheet.size();
  EXPECT_TRUE(ReadSheet(path, limits).ok());
  limits.max_member_bytes = sheet.size() - 1;
  EXPECT_ERROR(ReadSheet(path, limits), StatusCode::kLimitExceeded,
               path + ": zip member xl/worksheets/sheet1.xml inflates to " +
                   std::to_string(sheet.size()) +
                   " bytes, more than the limit of " +
                   std::to_string(sheet.size() - 1));
  std::filesystem::remove(path);
}

TEST(LimitsTest, XlsxMembers) {
  EXPECT_EQ(internal::XlsxLimits{}.max_members, kMaxXlsxMembers);
  std::string path = ::testing::TempDir() + "bad_input_members.xlsx";
  WriteZip(path, MinimalWorkbook("<worksheet><sheetData/></worksheet>"));
  internal::XlsxLimits limits;
  limits.max_members = 3;
  EXPECT_TRUE(ReadSheet(path, limits).ok());
  limits.max_members = 2;
  EXPECT_ERROR(ReadSheet(path, limits), StatusCode::kLimitExceeded,
               path +
                   ": the zip archive lists 3 members, more than the limit "
                   "of 2");
  std::filesystem::remove(path);
}

TEST(LimitsTest, XlsxColumns) {
  auto sheet = [](int cells) {
    std::string s = "<worksheet><sheetData><row r=\"1\">";
    for (int i = 0; i < cells; ++i) s += "<c><v>1</v></c>";
    return s + "</row></sheetData></worksheet>";
  };
  std::string path = ::testing::TempDir() + "bad_input_columns.xlsx";
  WriteZip(path, MinimalWorkbook(sheet(kMaxXlsxColumns)));
  EXPECT_TRUE(ReadSheet(path).ok());
  WriteZip(path, MinimalWorkbook(sheet(kMaxXlsxColumns + 1)));
  EXPECT_ERROR(ReadSheet(path), StatusCode::kLimitExceeded,
               path + ":1: sheet 'S': more than 16384 columns");
  std::filesystem::remove(path);
}

// ------------------------------------------------------------- shipments

std::string Items(const std::string& item, size_t n) {
  std::string out = "[";
  for (size_t i = 0; i < n; ++i) out += (i ? "," : "") + item;
  return out + "]";
}

TEST(LimitsTest, ShipmentParties) {
  const std::string party = R"({"role":"buyer","name":"ACME"})";
  auto doc = [&](size_t n) { return R"({"parties":)" + Items(party, n) + "}"; };
  EXPECT_TRUE(ParseShipment(doc(kMaxShipmentParties)).ok());
  EXPECT_ERROR(ParseShipment(doc(kMaxShipmentParties + 1)).status(),
               StatusCode::kLimitExceeded,
               "shipment: parties: more than 200 parties");
}

TEST(LimitsTest, ShipmentGoods) {
  auto doc = [&](size_t n) {
    return R"({"goods":)" + Items(R"({"description":"wheat"})", n) + "}";
  };
  EXPECT_TRUE(ParseShipment(doc(kMaxShipmentGoods)).ok());
  EXPECT_ERROR(ParseShipment(doc(kMaxShipmentGoods + 1)).status(),
               StatusCode::kLimitExceeded,
               "shipment: goods: more than 2000 lines");
}

TEST(LimitsTest, ShipmentListItems) {
  auto doc = [&](size_t n) {
    return R"({"route":{"transshipment":)" + Items(R"("CNDLC")", n) + "}}";
  };
  EXPECT_TRUE(ParseShipment(doc(kMaxShipmentListItems)).ok());
  EXPECT_ERROR(ParseShipment(doc(kMaxShipmentListItems + 1)).status(),
               StatusCode::kLimitExceeded,
               "shipment: route.transshipment: more than 100 items");
}

TEST(LimitsTest, ShipmentFieldBytes) {
  auto doc = [&](size_t n) {
    return R"({"reference":")" + std::string(n, 'r') + "\"}";
  };
  EXPECT_TRUE(ParseShipment(doc(kMaxShipmentFieldBytes)).ok());
  EXPECT_ERROR(ParseShipment(doc(kMaxShipmentFieldBytes + 1)).status(),
               StatusCode::kLimitExceeded,
               "shipment: reference: longer than 2000 bytes");
}

TEST(LimitsTest, ShipmentBytes) {
  auto doc = [&](size_t n) {
    // Spaces are valid JSON anywhere between tokens.
    return R"({"reference":"r"})" + std::string(n - 17, ' ');
  };
  ASSERT_EQ(doc(kMaxShipmentBytes).size(), kMaxShipmentBytes);
  EXPECT_TRUE(ParseShipment(doc(kMaxShipmentBytes)).ok());
  EXPECT_ERROR(ParseShipment(doc(kMaxShipmentBytes + 1)).status(),
               StatusCode::kLimitExceeded,
               "shipment: larger than 4194304 bytes");
}

TEST(LimitsTest, ShipmentJsonDepth) {
  auto doc = [&](int depth) {
    // The document is level 1, "goods" level 2, each goods line level 3;
    // its "claims" array 4, and the rest nested inside a claim's reference
    // would be a type error, so nest through unknown data: the depth check
    // runs before any field is read.
    return R"({"x":)" + std::string(depth - 1, '[') +
           std::string(depth - 1, ']') + "}";
  };
  // At the limit the document parses and fails on the unknown field.
  EXPECT_EQ(ParseShipment(doc(kMaxJsonDepth)).status().code(),
            StatusCode::kDataError);
  EXPECT_ERROR(ParseShipment(doc(kMaxJsonDepth + 1)).status(),
               StatusCode::kLimitExceeded,
               "shipment: JSON nested deeper than 64 levels at byte 69");
}

TEST(LimitsTest, YamlDepth) {
  auto doc = [](int depth) {
    // A rule file whose one key nests `depth` flow sequences deep.
    return "x: " + std::string(depth - 1, '[') + std::string(depth - 1, ']') +
           "\n";
  };
  TempFile at("yaml_limit.yaml", doc(kMaxYamlDepth));
  auto loaded = TradeRules::Load({at.path()});
  if (loaded.status().code() == StatusCode::kUnsupported)
    GTEST_SKIP() << "built without libyaml";
  TempFile over("yaml_over.yaml", doc(kMaxYamlDepth + 1));
  EXPECT_NE(loaded.status().code(), StatusCode::kLimitExceeded)
      << loaded.status().ToString();
  EXPECT_ERROR(TradeRules::Load({over.path()}).status(),
               StatusCode::kLimitExceeded,
               over.path() +
                   ":1: YAML nested deeper than 64 levels (or a recursive "
                   "alias)");
}

// ------------------------------------------------------------ batch rows

TEST(LimitsTest, BatchRows) {
  std::string csv = "name\n";
  csv.reserve(5 + 2 * (kMaxBatchRows + 1));
  for (std::uint64_t i = 0; i < kMaxBatchRows; ++i) csv += "a\n";
  auto at = service::PlanBatch(csv, service::BatchFormat::kCsv, {});
  ASSERT_TRUE(at.ok()) << at.status().ToString();
  EXPECT_EQ(*at, kMaxBatchRows);
  csv += "a\n";
  EXPECT_ERROR(service::PlanBatch(csv, service::BatchFormat::kCsv, {}).status(),
               StatusCode::kLimitExceeded,
               "the batch has more than 1000000 rows");
}

}  // namespace
}  // namespace embargo::bad_input
