#include "sim/output/structure_probe.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <vector>

#include "sim/output/hdf5_util.hpp"

namespace ws::output {
namespace {

// Reads a whole attribute or dataset in its native form and frees what HDF5 allocated for it.
template <typename Read>
void read_native(hid_t file_type_id, hid_t space_id, Read read) {
  h5::Handle type = h5::datatype(H5Tget_native_type(file_type_id, H5T_DIR_DEFAULT), "native type");
  const hssize_t count = H5Sget_simple_extent_npoints(space_id);
  if (count <= 0) return;
  std::vector<unsigned char> buffer(static_cast<std::size_t>(count) * H5Tget_size(type.get()));
  const bool allocates = H5Tdetect_class(type.get(), H5T_VLEN) > 0 || H5Tis_variable_str(type.get()) > 0;
  if (read(type.get(), buffer.data()) >= 0 && allocates)
    H5Dvlen_reclaim(type.get(), space_id, H5P_DEFAULT, buffer.data());
}

herr_t read_attribute(hid_t object, const char* name, const H5A_info_t*, void*) {
  h5::Handle attr = h5::attribute(H5Aopen(object, name, H5P_DEFAULT), name);
  h5::Handle type = h5::datatype(H5Aget_type(attr.get()), name);
  h5::Handle space = h5::dataspace(H5Aget_space(attr.get()), name);
  read_native(type.get(), space.get(),
              [&](hid_t memory, void* data) { return H5Aread(attr.get(), memory, data); });
  return 0;
}

herr_t visit_scale(hid_t, unsigned, hid_t, void*) { return 0; }

herr_t read_object(hid_t root, const char* name, const H5L_info_t*, void*) {
  if (!h5::is_dataset(root, name)) return 0;
  h5::Handle ds = h5::dataset(H5Dopen2(root, name, H5P_DEFAULT), name);
  hsize_t index = 0;
  H5Aiterate2(ds.get(), H5_INDEX_NAME, H5_ITER_INC, &index, read_attribute, nullptr);
  h5::Handle space = h5::dataspace(H5Dget_space(ds.get()), name);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  for (int axis = 0; axis < rank; ++axis)
    if (H5DSget_num_scales(ds.get(), static_cast<unsigned>(axis)) > 0)
      H5DSiterate_scales(ds.get(), static_cast<unsigned>(axis), nullptr, visit_scale, nullptr);
  h5::Handle type = h5::datatype(H5Dget_type(ds.get()), name);
  if (H5Tget_class(type.get()) == H5T_STRING)
    read_native(type.get(), space.get(), [&](hid_t memory, void* data) {
      return H5Dread(ds.get(), memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
    });
  return 0;
}

// In the child: errors are left for the reader to report; only a crash tells.
void read_structure(const std::filesystem::path& path) {
  h5::QuietErrors quiet;
  try {
    h5::Handle fapl = h5::plist(H5Pcreate(H5P_FILE_ACCESS), "file access properties");
    H5Pset_file_locking(fapl.get(), true, true);
    h5::Handle file(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), "open"), H5Fclose);
    h5::Handle root = h5::group(H5Gopen2(file.get(), "/", H5P_DEFAULT), "open the root group");
    hsize_t index = 0;
    H5Aiterate2(root.get(), H5_INDEX_NAME, H5_ITER_INC, &index, read_attribute, nullptr);
    index = 0;
    H5Literate(root.get(), H5_INDEX_NAME, H5_ITER_INC, &index, read_object, nullptr);
  } catch (const std::exception&) {
  }
}

}  // namespace

// The child's deadline. Reading the structure takes well under a second even for a file of 10,000 replications
// (0.1 s for `info` of 786 MB). A child of a process with other threads can also hang instead of crash: a lock
// another thread held at the fork stays locked in the child (AddressSanitizer's allocator does this; seen in
// the sanitizer build's tests). Such a child is stopped at the deadline and decides nothing.
constexpr unsigned kChildSeconds = 20;

bool structure_readable(const std::filesystem::path& path) {
  std::fflush(nullptr);  // nothing buffered is written twice
  const pid_t child = ::fork();
  if (child < 0) return true;
  if (child == 0) {
    ::alarm(kChildSeconds);  // SIGALRM ends the child
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);  // a crash here leaves no core file
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, STDERR_FILENO);  // nor a sanitizer report
    read_structure(path);
    ::_exit(0);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR) return true;
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) return true;  // hung, not crashed: undecided
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace ws::output
