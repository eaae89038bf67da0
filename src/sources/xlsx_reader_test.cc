#include "sources/xlsx_reader.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>

#include "sources/io.h"

namespace embargo::internal {
namespace {

const std::string kDfat =
    std::string(EMBARGO_SHARED_DATA) +
    "/australia_dfat/2024-12-17/regulation8_consolidated.xlsx";
const std::string kXlsxFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/au/";

std::string Fold(std::string_view s) {
  std::string out = CleanText(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(XlsxColumnIndexTest, References) {
  EXPECT_EQ(XlsxColumnIndex("A1"), 0);
  EXPECT_EQ(XlsxColumnIndex("L9553"), 11);
  EXPECT_EQ(XlsxColumnIndex("Z7"), 25);
  EXPECT_EQ(XlsxColumnIndex("AA7"), 26);
  EXPECT_EQ(XlsxColumnIndex("AB12"), 27);
  EXPECT_EQ(XlsxColumnIndex("XFD1"), 16383);
  EXPECT_EQ(XlsxColumnIndex("XFE1"), -1);
  EXPECT_EQ(XlsxColumnIndex("ZZZZZZZ1"), -1);
  EXPECT_EQ(XlsxColumnIndex("12"), -1);
  EXPECT_EQ(XlsxColumnIndex("A1B"), -1);
  EXPECT_EQ(XlsxColumnIndex(""), -1);
}

// The DFAT workbook, counted row by row: PROVENANCE.md's numbers.
TEST(XlsxSheetReaderTest, ReadsTheDfatWorkbook) {
  auto reader = XlsxSheetReader::Open(kDfat);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->sheet_name(), "Sheet1");
  EXPECT_EQ((*reader)->modified(), "2024-11-11T01:01:21Z");
  XlsxRow row;
  ASSERT_TRUE((*reader)->Next(&row));
  EXPECT_EQ(row.number, 1u);
  ASSERT_GE(row.cells.size(), 12u);
  EXPECT_EQ(row.cells[0].text, "Reference");
  EXPECT_EQ(row.cells[3].text, "Name Type");
  EXPECT_EQ(row.cells[11].text, "Control Date");
  std::map<std::string, int> name_types;
  int rows = 0;
  int numeric_references = 0;
  while ((*reader)->Next(&row)) {
    if (row.cells.size() < 2 || CleanText(row.cells[1].text).empty()) continue;
    ++rows;
    ++name_types[Fold(row.cells[3].text)];
    numeric_references += row.cells[0].is_number;
    if (row.number == 2) {
      EXPECT_EQ(row.cells[0].text, "2");
      EXPECT_TRUE(row.cells[0].is_number);
      EXPECT_EQ(row.cells[1].text, "MOHAMMAD HASSAN AKHUND");
      EXPECT_FALSE(row.cells[1].is_number);
      EXPECT_EQ(row.cells[11].text, "41988");  // Control Date, a serial
    }
  }
  ASSERT_TRUE((*reader)->status().ok()) << (*reader)->status().ToString();
  EXPECT_EQ(rows, 9553);
  EXPECT_EQ(name_types,
            (std::map<std::string, int>{{"primary name", 3062},
                                        {"aka", 6047},
                                        {"original script", 440},
                                        {"formerly known as", 3},
                                        {"previously listed as", 1}}));
  EXPECT_EQ(numeric_references, 2679);
}

TEST(XlsxSheetReaderTest, SharedInlineRichAndFormulaStrings) {
  auto reader = XlsxSheetReader::Open(kXlsxFixtures + "small.xlsx");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  // The sheet is found through the workbook relationships.
  EXPECT_EQ((*reader)->sheet_name(), "Consolidated");
  EXPECT_EQ((*reader)->modified(), "2024-03-05T10:00:00Z");
  std::vector<XlsxRow> rows;
  XlsxRow row;
  while ((*reader)->Next(&row)) rows.push_back(row);
  ASSERT_TRUE((*reader)->status().ok()) << (*reader)->status().ToString();
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[1].number, 2u);
  EXPECT_EQ(rows[1].cells[4].text, "24108");
  EXPECT_TRUE(rows[1].cells[4].is_number);
  EXPECT_EQ(rows[1].cells[5].text, "London, United Kingdom");  // t="str"
  // Row 3 has no cells D..K beyond those it writes, and cells without "r".
  EXPECT_EQ(rows[2].cells[2].text, "individual ");
  EXPECT_EQ(rows[2].cells.size(), 12u);
  EXPECT_EQ(rows[2].cells[5].text, "");
  EXPECT_EQ(rows[3].cells[1].text, "ACME TRADING");   // inline string
  EXPECT_EQ(rows[4].number, 7u);                      // rows 5 and 6 omitted
  EXPECT_EQ(rows[5].cells[1].text, "ACME Old Name");  // rich text, no rPh
  EXPECT_EQ(rows[6].number, 9u);
  EXPECT_TRUE(rows[6].cells.empty());
}

// Regression: libxml2's error on a byte that is not UTF-8 in a sheet (one
// line, as Excel writes it) was reported as a truncated file.
TEST(XlsxSheetReaderTest, InvalidUtf8InTheSheetIsNoTruncation) {
  const std::string path = kXlsxFixtures + "bad_utf8.xlsx";
  auto r = XlsxSheetReader::Open(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  XlsxRow row;
  while ((*r)->Next(&row)) {
  }
  EXPECT_EQ((*r)->status().code(), StatusCode::kDataError);
  // (libxml2's own words follow: "indicate encoding ! Bytes: 0xE9 ...".)
  const std::string message = (*r)->status().message();
  EXPECT_EQ(message.rfind(path + "!xl/worksheets/list.xml:1: XML error: Input "
                                 "is not proper UTF-8",
                          0),
            0u)
      << message;
  EXPECT_EQ(message.find("truncated"), std::string::npos) << message;
}

// Shared strings are parsed by pugixml, which checks no encoding.
TEST(XlsxSheetReaderTest, InvalidUtf8InASharedStringNamesRowAndCell) {
  const std::string path = kXlsxFixtures + "bad_utf8_shared.xlsx";
  auto r = XlsxSheetReader::Open(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  XlsxRow row;
  int rows = 0;
  while ((*r)->Next(&row)) ++rows;
  EXPECT_EQ(rows, 1);  // the header
  EXPECT_EQ((*r)->status().code(), StatusCode::kDataError);
  EXPECT_EQ((*r)->status().message(),
            path +
                ":2: sheet 'Consolidated': cell B2: invalid UTF-8 (byte 0xE9 "
                "at offset 7)");
}

TEST(XlsxSheetReaderTest, NotAZip) {
  std::string path = kXlsxFixtures + "not_a_zip.xlsx";
  auto reader = XlsxSheetReader::Open(path);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kDataError);
  EXPECT_EQ(reader.status().message(),
            path +
                ": not an xlsx workbook (not a readable zip archive: Not a "
                "zip archive)");
}

TEST(XlsxSheetReaderTest, ZipWithoutWorkbookOrSheet) {
  std::string no_workbook = kXlsxFixtures + "no_workbook.xlsx";
  auto a = XlsxSheetReader::Open(no_workbook);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(
      a.status().message(),
      no_workbook + ": not an xlsx workbook (the zip has no xl/workbook.xml)");
  std::string no_sheet = kXlsxFixtures + "no_sheet.xlsx";
  auto b = XlsxSheetReader::Open(no_sheet);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kDataError);
  EXPECT_EQ(b.status().message(),
            no_sheet +
                ": sheet 'Consolidated' (xl/worksheets/list.xml) is "
                "missing from the zip");
}

TEST(XlsxSheetReaderTest, MissingFile) {
  auto r = XlsxSheetReader::Open(kXlsxFixtures + "does_not_exist.xlsx");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
}

// bomb.xlsx holds a sheet of 2 MiB (mostly spaces) in 4.6 KB.
TEST(XlsxSheetReaderTest, MemberLargerThanTheCapIsRefused) {
  std::string path = kXlsxFixtures + "bomb.xlsx";
  XlsxLimits limits;
  limits.max_member_bytes = 1 << 20;
  auto r = XlsxSheetReader::Open(path, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(r.status().message(),
            path +
                ": zip member xl/worksheets/list.xml inflates to 2099292 "
                "bytes, more than the limit of 1048576");
  // Under the default cap the same file reads.
  EXPECT_TRUE(XlsxSheetReader::Open(path).ok());
}

// bomb_forged.xlsx claims 1000 bytes for the same member: the cap holds
// while inflating, whatever the headers say.
TEST(XlsxSheetReaderTest, UnderstatedMemberSizeIsCaughtWhileInflating) {
  std::string path = kXlsxFixtures + "bomb_forged.xlsx";
  XlsxLimits limits;
  limits.max_member_bytes = 1 << 20;
  auto r = XlsxSheetReader::Open(path, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            path +
                ": zip member xl/worksheets/list.xml inflates to more than "
                "the limit of 1048576 bytes");
}

TEST(XlsxSheetReaderTest, TooManyMembers) {
  XlsxLimits limits;
  limits.max_members = 5;
  auto r = XlsxSheetReader::Open(kDfat, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(
      r.status().message(),
      kDfat + ": the zip archive lists 22 members, more than the limit of 5");
}

}  // namespace
}  // namespace embargo::internal
