/*
** batch.h
** samizdat batch: whole folders and archives of texts.
** See LICENSE.
*/
#ifndef SZ_BATCH_H
#define SZ_BATCH_H

/** Entry point of `samizdat batch ARGS...` (argv[0] is "batch"). Returns the
** process exit code. */
int sz_batch_main(int argc, char **argv);

#endif
