# localize-archive.cmake: make a static archive one relocatable object whose
# hidden symbols are local (cmake -P, from CMakeLists.txt after libcolette.a
# is built).  Inside the library, modules call each other by short names
# (buf_free, cat_open); in an archive those would be global symbols that
# clash with a user's own.  `ld -r` joins the objects, `objcopy
# --localize-hidden` keeps global only what has default visibility: the
# COLETTE_API functions of colette.h.
# Variables: AR, LD, OBJCOPY, ARCHIVE, WORK.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
# the archive's members joined as they are: `ar x` would write two members
# of the same name (src/letter/map/text.c and src/render/text.c both make
# text.c.o) to one file, and lose one
execute_process(COMMAND "${LD}" -r -o "${WORK}/colette.lo" --whole-archive "${ARCHIVE}"
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "ld -r failed")
endif()
execute_process(COMMAND "${OBJCOPY}" --localize-hidden "${WORK}/colette.lo" RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "objcopy --localize-hidden failed")
endif()
file(REMOVE "${ARCHIVE}")
execute_process(COMMAND "${AR}" rcs "${ARCHIVE}" "${WORK}/colette.lo" RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "ar rcs ${ARCHIVE} failed")
endif()
file(REMOVE_RECURSE "${WORK}")
