# Writes the version header (sim/version.hpp.in) with the git commit of the source tree and whether tracked
# files differ from it. Run at configure time and again at every build; configure_file rewrites the header
# only when its text changes, so an unchanged tree rebuilds nothing.
#   cmake -DSOURCE_DIR=... -DOUT=... -DPROJECT_VERSION=... -P git_version.cmake
execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse HEAD OUTPUT_VARIABLE GIT_COMMIT
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE head_result)
if(head_result EQUAL 0 AND NOT GIT_COMMIT STREQUAL "")
  execute_process(COMMAND git -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
                  OUTPUT_VARIABLE changes ERROR_QUIET RESULT_VARIABLE status_result)
  if(NOT status_result EQUAL 0)
    set(GIT_TREE_STATE "unknown")
  elseif(changes STREQUAL "")
    set(GIT_TREE_STATE "clean")
  else()
    set(GIT_TREE_STATE "dirty")
  endif()
else()
  set(GIT_COMMIT "unknown")
  set(GIT_TREE_STATE "unknown")
endif()
configure_file("${SOURCE_DIR}/sim/version.hpp.in" "${OUT}" @ONLY)
