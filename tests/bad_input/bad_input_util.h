// Helpers shared by the bad-input corpus: temporary files (removed at the
// end of each test), generators for the small list files the cases start
// from (zip archives included), and a check that a Status is the exact
// error expected.
// Thread-safety: tests run one per process thread; no shared state.
#ifndef EMBARGO_TESTS_BAD_INPUT_BAD_INPUT_UTIL_H_
#define EMBARGO_TESTS_BAD_INPUT_BAD_INPUT_UTIL_H_

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "embargo/status.h"
#include "sources/loader_test_util.h"

namespace embargo::bad_input {

inline const std::string kFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/bad_input/fixtures/";
inline const std::string kOldFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/";

using internal::TempFile;

// A UN consolidated list: line 1 the prolog, line 2 the root, line 3
// <INDIVIDUALS>, then the records as given (one per line by Individual()).
inline std::string UnFile(std::string_view individuals) {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09.554Z\">\n"
             "<INDIVIDUALS>\n") +
         std::string(individuals) +
         "</INDIVIDUALS>\n<ENTITIES>\n</ENTITIES>\n</CONSOLIDATED_LIST>\n";
}

inline std::string Individual(std::string_view ref, std::string_view first,
                              std::string_view extra = "") {
  return "<INDIVIDUAL><FIRST_NAME>" + std::string(first) +
         "</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>" +
         std::string(ref) + "</REFERENCE_NUMBER>" + std::string(extra) +
         "</INDIVIDUAL>\n";
}

// One FollowTheMoney JSON line (no newline) for a person.
inline std::string FtmPerson(std::string_view id, std::string_view name) {
  return R"({"id":")" + std::string(id) +
         R"(","schema":"Person","properties":{"name":[")" + std::string(name) +
         R"("]}})";
}

// The CSL header and one row whose name (field 6) and date of birth (field
// 25) are given.
inline std::string CslHeader() {
  return "_id,source,entity_number,type,programs,name,title,addresses,"
         "federal_register_notice,start_date,end_date,standard_order,"
         "license_requirement,license_policy,call_sign,vessel_type,"
         "gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,"
         "remarks,source_list_url,alt_names,citizenships,dates_of_birth,"
         "nationalities,places_of_birth,source_information_url,ids";
}
inline std::string CslRow(std::string_view id, std::string_view name,
                          std::string_view dob = "") {
  return std::string(id) +
         ",Specially Designated Nationals (SDN) - Treasury Department," +
         std::string(id) + ",Individual,DPRK3," + std::string(name) +
         ",,,,,,,,,,,,,,,,,,," + std::string(dob) + ",,,,";
}

// Writes `members` (name -> content) as a zip at `path`, deflated.
inline void WriteZip(const std::string& path,
                     const std::map<std::string, std::string>& members) {
  std::filesystem::remove(path);
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  ASSERT_NE(z, nullptr);
  for (const auto& [name, content] : members) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    ASSERT_NE(src, nullptr);
    ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  }
  // zip_close() compresses; the buffers must live until then.
  ASSERT_EQ(zip_close(z), 0);
}

}  // namespace embargo::bad_input

namespace embargo::bad_input {

// Whether `st` is exactly this error. A function, so that a Result's
// status() may be passed straight from a temporary (it lives until the
// call returns).
inline ::testing::AssertionResult IsError(const Status& st, StatusCode code,
                                          const std::string& message) {
  if (st.code() == code && st.message() == message)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "got " << st.ToString() << "\n"
         << "want code " << static_cast<int>(code) << ": " << message;
}

}  // namespace embargo::bad_input

// The Status (or a Result's status) is exactly this error.
#define EXPECT_ERROR(status_expr, code_, message_) \
  EXPECT_TRUE(::embargo::bad_input::IsError((status_expr), (code_), (message_)))

#endif  // EMBARGO_TESTS_BAD_INPUT_BAD_INPUT_UTIL_H_
