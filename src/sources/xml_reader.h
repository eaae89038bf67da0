// Streams an XML list file record by record: libxml2's pull parser walks the
// file, and each record element (e.g. <INDIVIDUAL>, <sdnEntry>) is handed
// over as a small pugixml document, so loaders get an easy DOM without the
// whole file in memory. DTDs are refused outright, which rules out entity
// expansion bombs and external entities (XXE); the network is never used.
// Thread-safety: one reader per thread.
#ifndef EMBARGO_SOURCES_XML_READER_H_
#define EMBARGO_SOURCES_XML_READER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/limits.h"
#include "embargo/status.h"

namespace embargo::internal {

struct XmlRecord {
  pugi::xml_document doc;  // holds exactly the record element
  pugi::xml_node node;     // the record element itself
  std::string name;        // its local name
  std::uint64_t line = 0;  // where it starts in the file
};

class XmlRecordReader {
 public:
  ~XmlRecordReader();
  XmlRecordReader(const XmlRecordReader&) = delete;
  XmlRecordReader& operator=(const XmlRecordReader&) = delete;

  // Opens a file (`name` defaults to the path) or a buffer for reading.
  static Result<std::unique_ptr<XmlRecordReader>> OpenFile(
      const std::string& path);
  static Result<std::unique_ptr<XmlRecordReader>> OpenMemory(std::string data,
                                                             std::string name);

  // Advances to the next element whose local name is one of `names`, at any
  // depth, and fills `record` with it. Returns false at the end of the
  // document or on error; then status() tells which (a truncated or
  // malformed file is a kDataError naming the line).
  bool Next(const std::vector<std::string_view>& names, XmlRecord* record);

  // The root element's local name and attributes, known once Next() has
  // been called at least once.
  const std::string& root_name() const { return root_name_; }
  const std::map<std::string, std::string>& root_attributes() const {
    return root_attrs_;
  }
  const Status& status() const { return status_; }
  const std::string& name() const { return name_; }

  struct Impl;

 private:
  XmlRecordReader() = default;
  std::unique_ptr<Impl> impl_;
  std::string name_;
  std::string root_name_;
  std::map<std::string, std::string> root_attrs_;
  Status status_;
  bool positioned_ = false;
};

// Text of the first child element `child` of `node`, whitespace collapsed.
std::string ChildText(const pugi::xml_node& node, const char* child);

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_XML_READER_H_
