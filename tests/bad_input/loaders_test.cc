// The bad-input corpus for list files: every kind of broken, hostile or odd
// input a publisher (or an attacker between us and the publisher) could
// hand the loaders, each with the exact error it must get. Small cases are
// fixtures in fixtures/ or strings here; huge ones are generated into
// temporary files. Format-specific errors (a missing column of one format)
// stay in src/sources/*_test.cc; this corpus holds the cases every format
// shares, across formats.
#include <gtest/gtest.h>
#include <zip.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "bad_input/bad_input_util.h"
#include "embargo/limits.h"
#include "embargo/lists.h"

namespace embargo::bad_input {
namespace {

// The parts of an xlsx package around a first sheet with `sheet` as its XML.
std::map<std::string, std::string> Workbook(std::string sheet) {
  return {
      {"xl/workbook.xml",
       "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats."
       "org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats."
       "org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" "
       "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
       "openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
       "2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
       "</Relationships>"},
      {"xl/worksheets/sheet1.xml", std::move(sheet)},
  };
}

// gzip of `text` as one member.
std::string Gzip(std::string_view text) {
  uLongf cap = compressBound(static_cast<uLong>(text.size())) + 64;
  std::string out(cap, '\0');
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// ---------------------------------------------------------------- truncated

TEST(TruncatedTest, CsvInsideAQuotedField) {
  std::string path = kOldFixtures + "csl/truncated.csv";
  EXPECT_ERROR(LoadList("csl:" + path).status(), StatusCode::kDataError,
               path + ":3: quoted field never closed (file truncated?)");
}

TEST(TruncatedTest, XmlInsideARecord) {
  std::string whole = UnFile(Individual("KPi.1", "KIM"));
  TempFile f("truncated.xml", whole.substr(0, whole.size() / 2));
  EXPECT_ERROR(LoadList(f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ":4: XML error: the file ends inside <CONSOLIDATED_LIST> "
                   "(truncated?)");
}

TEST(TruncatedTest, JsonLinesInsideALine) {
  std::string line2 = FtmPerson("b", "B PERSON");
  TempFile f("truncated.ftm.json",
             FtmPerson("a", "A PERSON") + "\n" + line2.substr(0, 30));
  EXPECT_ERROR(LoadList("ftm:" + f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ":2: invalid JSON at byte 31: syntax error while parsing "
                   "object key - invalid string: missing closing quote; last "
                   "read: '\"p'; expected string literal (the last line ends "
                   "early: file truncated?)");
}

TEST(TruncatedTest, GzipCutShort) {
  std::string gz = Gzip(FtmPerson("a", "A PERSON") + "\n" +
                        FtmPerson("b", "B PERSON") + "\n");
  TempFile f("truncated.ftm.json.gz", gz.substr(0, gz.size() - 12));
  EXPECT_ERROR(LoadList("ftm:" + f.path()).status(), StatusCode::kDataError,
               f.path() + ": gzip data is truncated");
}

TEST(TruncatedTest, XlsxCutShort) {
  std::ifstream in(kOldFixtures + "au/small.xlsx", std::ios::binary);
  std::string whole((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  TempFile f("truncated.xlsx", whole.substr(0, whole.size() / 2));
  EXPECT_ERROR(LoadList(f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ": not an xlsx workbook (not a readable zip archive: Not a "
                   "zip archive)");
}

// ---------------------------------------------------------------- oversized

// A sparse file: its size costs no disk and no time.
void MakeSparse(const std::string& path, std::uint64_t size) {
  std::filesystem::remove(path);
  std::ofstream(path, std::ios::binary).put('\0');
  std::filesystem::resize_file(path, size);
}

TEST(OversizedTest, ListFileOneBytePastTheLimitIsRefusedUnread) {
  std::string path = ::testing::TempDir() + "bad_input_huge.csv";
  MakeSparse(path, kMaxListFileBytes + 1);
  EXPECT_ERROR(LoadList("csl:" + path).status(), StatusCode::kLimitExceeded,
               path +
                   ": 1073741825 bytes, larger than the limit of "
                   "1073741824 bytes");
  std::filesystem::remove(path);
}

TEST(OversizedTest, ListFileAtTheLimitIsRead) {
  // Read, and refused for what it holds: NUL bytes.
  std::string path = ::testing::TempDir() + "bad_input_limit.csv";
  MakeSparse(path, kMaxListFileBytes);
  EXPECT_ERROR(LoadList("csl:" + path).status(), StatusCode::kDataError,
               path + ":1: field 1: NUL byte (a binary or UTF-16 file?)");
  std::filesystem::remove(path);
}

// ---------------------------------------------------------- wrong encodings

TEST(EncodingTest, Utf16CsvIsNamedAsSuch) {
  std::string utf16 = "\xFF\xFE";
  for (char c : CslHeader()) {
    utf16 += c;
    utf16 += '\0';
  }
  TempFile f("utf16.csv", utf16);
  EXPECT_ERROR(LoadList(f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ": UTF-16 text (byte order mark FF FE); save the file as "
                   "UTF-8");
  EXPECT_ERROR(LoadList("csl:" + f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ":1: UTF-16 text (byte order mark FF FE); save the file "
                   "as UTF-8");
}

TEST(EncodingTest, Latin1InAUtf8CsvNamesLineAndField) {
  std::string path = kOldFixtures + "csl/bad_utf8.csv";
  EXPECT_ERROR(LoadList("csl:" + path).status(), StatusCode::kDataError,
               path +
                   ":3: record def456: field name: invalid UTF-8 (byte 0xE9 "
                   "at offset 4)");
}

TEST(EncodingTest, Latin1InJsonLines) {
  TempFile f("latin1.ftm.json", FtmPerson("a", "JOS\xC9 PEREZ") + "\n");
  EXPECT_ERROR(LoadList("ftm:" + f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ":1: invalid JSON at byte 56: syntax error while parsing "
                   "value - invalid string: ill-formed UTF-8 byte; last read: "
                   "'\"JOS\xC9 '");
}

TEST(EncodingTest, Latin1InXmlThatSaysUtf8) {
  TempFile f("latin1.xml", UnFile(Individual("KPi.1", "JOS\xC9")));
  EXPECT_ERROR(LoadList(f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ":4: record KPi.1: field FIRST_NAME: invalid UTF-8 (byte "
                   "0xC9)");
}

TEST(EncodingTest, XmlThatDeclaresLatin1IsDecoded) {
  std::string xml = UnFile(Individual("KPi.1", "JOS\xC9"));
  xml.replace(xml.find("UTF-8"), 5, "ISO-8859-1");
  TempFile f("declared_latin1.xml", xml);
  auto list = LoadList(f.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->entities.size(), 1u);
  EXPECT_EQ(list->entities[0].names[0].full, "JOS\xC3\x89");
}

// -------------------------------------------------------------------- BOMs
// A UTF-8 BOM is legitimate at the start of any text list file (the UAE
// list and Excel's CSV exports carry one): CSV, JSON lines and XML accept
// it there.

TEST(BomTest, Utf8BomIsAcceptedAtTheStartOfCsvJsonLinesAndXml) {
  TempFile csv("bom.csv", "\xEF\xBB\xBF" + CslHeader() + "\n" +
                              CslRow("1", "KIM ONE") + "\n");
  TempFile ftm("bom.ftm.json",
               "\xEF\xBB\xBF" + FtmPerson("a", "A PERSON") + "\n");
  TempFile xml("bom.xml", "\xEF\xBB\xBF" + UnFile(Individual("KPi.1", "KIM")));
  for (const std::string& path : {csv.path(), ftm.path(), xml.path()}) {
    auto list = LoadList(path);
    ASSERT_TRUE(list.ok()) << path << ": " << list.status().ToString();
    EXPECT_EQ(list->entities.size(), 1u) << path;
  }
}

TEST(BomTest, BomInsideACsvIsPartOfTheField) {
  // Not at the start: it is data, and the id with it is another id.
  TempFile f("bom_inside.csv",
             CslHeader() + "\n\xEF\xBB\xBF" + CslRow("1", "KIM ONE") + "\n");
  auto list = LoadList("csl:" + f.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->entities[0].names[0].full, "KIM ONE");
}

// ------------------------------------------------------------ line endings

TEST(LineEndingTest, MixedCsvLineEndingsKeepLineNumbers) {
  // LF, CRLF, CR: the bad date is on line 4.
  TempFile f("mixed.csv", CslHeader() + "\n" + CslRow("1", "KIM ONE") + "\r\n" +
                              CslRow("2", "KIM TWO") + "\r" +
                              CslRow("3", "KIM THREE", "1970-02-31") + "\n");
  EXPECT_ERROR(LoadList("csl:" + f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ":4: record 3: field dates_of_birth: impossible date "
                   "'1970-02-31'");
}

TEST(LineEndingTest, MixedJsonLinesLineEndings) {
  TempFile f("mixed.ftm.json", FtmPerson("a", "A ONE") + "\r\n" +
                                   FtmPerson("b", "B TWO") + "\r" +
                                   FtmPerson("c", "C THREE") + "\n" +
                                   FtmPerson("a", "A AGAIN") + "\r");
  EXPECT_ERROR(LoadList("ftm:" + f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ":4: record a: field id: duplicate of the record at line "
                   "1");
}

TEST(LineEndingTest, MixedXmlLineEndings) {
  std::string xml =
      UnFile(Individual("KPi.1", "KIM") + Individual("KPi.2", "RI") +
             Individual("KPi.1", "PAK"));
  // CRLF after the prolog, CR after the root: records on lines 4, 5, 6.
  xml.replace(xml.find('\n'), 1, "\r\n");
  xml.replace(xml.find('\n', xml.find("<CONSOLIDATED_LIST")), 1, "\r");
  TempFile f("mixed.xml", xml);
  EXPECT_ERROR(LoadList(f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ":6: record KPi.1: field REFERENCE_NUMBER: duplicated "
                   "(first at line 4)");
}

// --------------------------------------------------------------- NUL bytes

TEST(NulByteTest, Csv) {
  TempFile f("nul.csv", CslHeader() + "\n" +
                            CslRow("1", std::string("KIM\0ONE", 7)) + "\n");
  EXPECT_ERROR(LoadList(f.path()).status(), StatusCode::kDataError,
               f.path() + ":2: field 6: NUL byte (a binary or UTF-16 file?)");
}

TEST(NulByteTest, JsonLines) {
  TempFile f("nul.ftm.json", FtmPerson("a", std::string("A\0B", 3)) + "\n");
  EXPECT_ERROR(
      LoadList("ftm:" + f.path()).status(), StatusCode::kDataError,
      f.path() +
          ":1: invalid JSON at byte 53: syntax error while parsing value - "
          "invalid string: control character U+0000 (NUL) must be escaped to "
          "\\u0000; last read: '\"A<U+0000>'");
}

TEST(NulByteTest, Xml) {
  TempFile f("nul.xml", UnFile(Individual("KPi.1", std::string("KIM\0", 4))));
  EXPECT_ERROR(LoadList(f.path()).status(), StatusCode::kDataError,
               f.path() + ":4: XML error: Char 0x0 out of allowed range");
}

// ---------------------------------------------------- deeply nested JSON

TEST(DeepJsonTest, JsonLinesNestedAMillionDeep) {
  std::string deep = R"({"id":"a","schema":"Person","x":)" +
                     std::string(1000000, '[') + std::string(1000000, ']') +
                     "}";
  TempFile f("deep.ftm.json", deep + "\n");
  EXPECT_ERROR(LoadList("ftm:" + f.path()).status(), StatusCode::kLimitExceeded,
               f.path() + ":1: JSON nested deeper than 64 levels at byte 96");
}

// ------------------------------------------------------- enormous lines

TEST(EnormousLineTest, JsonLine) {
  std::string path = ::testing::TempDir() + "bad_input_long.ftm.json";
  {
    std::ofstream out(path, std::ios::binary);
    out << FtmPerson("a", "A ONE") << "\n{\"pad\":\"";
    std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 17; ++i) out << chunk;
    out << "\"}\n";
  }
  EXPECT_ERROR(LoadList("ftm:" + path).status(), StatusCode::kLimitExceeded,
               path + ":2: line longer than the limit of 16777216 bytes");
  std::filesystem::remove(path);
}

TEST(EnormousLineTest, CsvRecord) {
  // Every field within its own limit, the record past its.
  std::string path = ::testing::TempDir() + "bad_input_long.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << CslHeader() << "\n1,source,1,Individual,P,NAME,";
    std::string field(kMaxCsvFieldBytes, 'x');
    for (int i = 0; i < 17; ++i) out << field << ',';
    out << "\n";
  }
  EXPECT_ERROR(LoadList("csl:" + path).status(), StatusCode::kLimitExceeded,
               path + ":2: record longer than 16777216 bytes");
  std::filesystem::remove(path);
}

TEST(EnormousLineTest, XmlTextNode) {
  std::string path = ::testing::TempDir() + "bad_input_long.xml";
  {
    std::ofstream out(path, std::ios::binary);
    // 11 MB of text, past libxml2's 10 MB text-node limit.
    std::string text;
    text.resize(11000000, 'x');
    out << UnFile(
        Individual("KPi.1", "KIM", "<COMMENTS1>" + text + "</COMMENTS1>"));
  }
  EXPECT_ERROR(LoadList(path).status(), StatusCode::kDataError,
               path + ":4: XML error: xmlSAX2Characters: huge text node");
  std::filesystem::remove(path);
}

// ------------------------------------------------------ decompression bombs

// A gzip file of `members` concatenated members of `member` zero bytes each,
// plus `extra` bytes: 2 GiB costs 32 copies of one 64 MiB member (65 KB).
std::string ZeroBomb(std::uint64_t total) {
  const std::uint64_t kMember = 64u << 20;
  std::string member = Gzip(std::string(kMember, '\0'));
  std::string out;
  for (std::uint64_t i = 0; i < total / kMember; ++i) out += member;
  if (total % kMember) out += Gzip(std::string(total % kMember, '\0'));
  return out;
}

TEST(BombTest, GzipBombStopsAtTheFirstLimitItMeets) {
  // 2 GiB + 1 of zeros in 2 MB: the loader stops at the line limit (16 MiB
  // inflated), long before the decompression limit (LimitsTest.
  // DecompressedBytes drains the same bomb to that one).
  TempFile f("bomb.ftm.json.gz", ZeroBomb(kMaxDecompressedBytes + 1));
  EXPECT_ERROR(LoadList("ftm:" + f.path()).status(), StatusCode::kLimitExceeded,
               f.path() + ":1: line longer than the limit of 16777216 bytes");
}

TEST(BombTest, XlsxMemberDeclaredPastTheLimitIsNotInflated) {
  // 300 MiB of spaces inside the sheet: deflates to some 300 KB.
  std::string sheet = "<?xml version=\"1.0\"?><worksheet><sheetData>" +
                      std::string(300u << 20, ' ') + "</sheetData></worksheet>";
  std::string path = ::testing::TempDir() + "bad_input_bomb.xlsx";
  WriteZip(path, Workbook(std::move(sheet)));
  EXPECT_ERROR(LoadList(path).status(), StatusCode::kLimitExceeded,
               path +
                   ": zip member xl/worksheets/sheet1.xml inflates to "
                   "314572867 bytes, more than the limit of 268435456");
  std::filesystem::remove(path);
}

// --------------------------------------------------- billion laughs, XXE

TEST(XmlEntityTest, BillionLaughsIsRefusedAtTheDtd) {
  std::string path = kFixtures + "billion_laughs.xml";
  EXPECT_ERROR(LoadList("un_xml:" + path).status(), StatusCode::kDataError,
               path +
                   ":2: DTDs are not allowed in list files (entity expansion "
                   "risk)");
}

TEST(XmlEntityTest, ExternalEntityIsRefusedAtTheDtd) {
  std::string path = kFixtures + "xxe.xml";
  EXPECT_ERROR(LoadList("un_xml:" + path).status(), StatusCode::kDataError,
               path +
                   ":2: DTDs are not allowed in list files (entity expansion "
                   "risk)");
}

TEST(XmlEntityTest, ExternalEntityInsideAnXlsxSheet) {
  std::string path = ::testing::TempDir() + "bad_input_xxe.xlsx";
  WriteZip(path,
           Workbook("<?xml version=\"1.0\"?>\n<!DOCTYPE w [<!ENTITY x SYSTEM "
                    "\"file:///etc/passwd\">]>\n<worksheet><sheetData><row "
                    "r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is>"
                    "</c></row></sheetData></worksheet>"));
  EXPECT_ERROR(LoadList(path).status(), StatusCode::kDataError,
               path +
                   "!xl/worksheets/sheet1.xml:2: DTDs are not allowed in list "
                   "files (entity expansion risk)");
  std::filesystem::remove(path);
}

// ----------------------------------------------------------- duplicated ids

TEST(DuplicateIdTest, WithinOneFile) {
  TempFile f("dup.ftm.json", FtmPerson("a", "A ONE") + "\n" +
                                 FtmPerson("b", "B TWO") + "\n" +
                                 FtmPerson("a", "A AGAIN") + "\n");
  EXPECT_ERROR(LoadList("ftm:" + f.path()).status(), StatusCode::kDataError,
               f.path() +
                   ":3: record a: field id: duplicate of the record at line "
                   "1");
}

TEST(DuplicateIdTest, AcrossTwoFiles) {
  TempFile a("dup_a.ftm.json", FtmPerson("same", "A ONE") + "\n");
  TempFile b("dup_b.ftm.json", FtmPerson("same", "B TWO") + "\n");
  EXPECT_ERROR(LoadLists({"ftm:" + a.path(), "ftm:" + b.path()}).status(),
               StatusCode::kDataError,
               b.path() + ": entity id same is also defined by " + a.path());
}

// ----------------------------------------------------------- impossible dates

TEST(ImpossibleDateTest, ThirtyFirstOfFebruaryInEachKindOfFile) {
  TempFile csv("feb31.csv", CslHeader() + "\n" +
                                CslRow("1", "KIM ONE", "1970-02-31") + "\n");
  EXPECT_ERROR(LoadList("csl:" + csv.path()).status(), StatusCode::kDataError,
               csv.path() +
                   ":2: record 1: field dates_of_birth: impossible date "
                   "'1970-02-31'");
  TempFile xml("feb31.xml",
               UnFile(Individual("KPi.9", "KIM",
                                 "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>"
                                 "EXACT</TYPE_OF_DATE><DATE>1970-02-31</DATE>"
                                 "</INDIVIDUAL_DATE_OF_BIRTH>")));
  EXPECT_ERROR(LoadList(xml.path()).status(), StatusCode::kDataError,
               xml.path() +
                   ":4: record KPi.9: field INDIVIDUAL_DATE_OF_BIRTH/DATE: "
                   "impossible date '1970-02-31'");
  TempFile ftm("feb31.ftm.json",
               R"({"id":"a","schema":"Person","properties":{"name":["A"],)"
               R"("birthDate":["1970-02-31"]}})"
               "\n");
  EXPECT_ERROR(LoadList("ftm:" + ftm.path()).status(), StatusCode::kDataError,
               ftm.path() +
                   ":1: record a: field birthDate: impossible date "
                   "'1970-02-31'");
}

// ---------------------------------------------------- names of 100k chars

TEST(HugeNameTest, EveryFormatRefusesAHundredThousandByteName) {
  const std::string name(100000, 'A');
  TempFile csv("hugename.csv", CslHeader() + "\n" + CslRow("1", name) + "\n");
  EXPECT_ERROR(LoadList("csl:" + csv.path()).status(),
               StatusCode::kLimitExceeded,
               csv.path() +
                   ":2: record csl-1: field name: longer than the limit of "
                   "4096 bytes");
  TempFile xml("hugename.xml", UnFile(Individual("KPi.1", name)));
  EXPECT_ERROR(LoadList(xml.path()).status(), StatusCode::kLimitExceeded,
               xml.path() +
                   ":4: record un-KPi.1: field name: longer than the limit "
                   "of 4096 bytes");
  TempFile ftm("hugename.ftm.json", FtmPerson("a", name) + "\n");
  EXPECT_ERROR(LoadList("ftm:" + ftm.path()).status(),
               StatusCode::kLimitExceeded,
               ftm.path() +
                   ":1: record a: field name: longer than the limit of 4096 "
                   "bytes");
}

// ------------------------------------------------------- 10,000 columns

TEST(ManyColumnsTest, TenThousandColumnsIsALimitError) {
  std::string row;
  for (int i = 0; i < 10000; ++i) row += "c,";
  TempFile f("wide.csv", CslHeader() + "\n" + row + "\n");
  EXPECT_ERROR(LoadList("csl:" + f.path()).status(), StatusCode::kLimitExceeded,
               f.path() + ":2: more than 4096 fields in one record");
}

}  // namespace
}  // namespace embargo::bad_input
