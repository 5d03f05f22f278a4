/*
** test_batch.c
** Unit tests of batch mode's helpers: SHA-256 vectors, which names are texts.
** See LICENSE.
*/
#include <stdlib.h>

#include "harness.h"
#include "cli/batch.h"

int
main(void)
{
    h_suite = "batch";
    char hex[65];
    sz_sha256_buf("", 0, hex);
    STR_EQ(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256 empty");
    sz_sha256_buf("abc", 3, hex);
    STR_EQ(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256 abc");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sz_sha256_buf(two, strlen(two), hex);
    STR_EQ(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
           "sha256 two blocks");
    /* a million 'a' in uneven pieces: the buffering across updates */
    struct sz_sha256 s;
    sz_sha256_init(&s);
    char *a = malloc(1000000);
    memset(a, 'a', 1000000);
    for (size_t off = 0, step = 1; off < 1000000; off += step, step = step * 3 % 1000 + 1)
        sz_sha256_update(&s, a + off, off + step > 1000000 ? 1000000 - off : step);
    free(a);
    sz_sha256_hex(&s, hex);
    STR_EQ(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
           "sha256 a million a");
    OK(sz_batch_is_text_name("a/b.TXT"), "text: .TXT");
    OK(sz_batch_is_text_name("b.md") && sz_batch_is_text_name("c.json"), "text: .md .json");
    OK(!sz_batch_is_text_name("a.txt/b") && !sz_batch_is_text_name("x.png"), "not text");
    OK(!sz_batch_is_text_name(".txt"), "not text: hidden name only");
    return h_failed != 0;
}
