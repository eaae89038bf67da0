// PLACEHOLDER: replaced by the real loader.
#include "sources/loaders.h"

namespace embargo::internal {

Result<EntityList> LoadOfacCsv(const std::string& path) {
  return Status::Unsupported(path + ": the ofac_csv loader is not written yet");
}

}  // namespace embargo::internal
