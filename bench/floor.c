/* The floor: the work no handbook generator can avoid, done in C with the same libraries
 * handbook's inputs need (libyaml for the frontmatter, libcmark for the bodies).
 *
 * For every .md file under CONTENT: read it, split the frontmatter (a first line "---" up to
 * the next line "---" or "..."), run libyaml's event parser over the whole frontmatter
 * (yaml_parser_parse until the stream ends, no document tree is built), render the body with
 * cmark_markdown_to_html, and write OUT/<path without .md>/index.html holding the HTML.
 * No cross-references, no checks, no templates, no listing pages.
 *
 * The file list is collected once, the output folders are made once, then NPROC workers
 * (fork) take every NPROC-th file. Build:
 *   cc -O2 -o floor floor.c $(pkg-config --cflags --libs yaml-0.1 libcmark)
 * Usage: floor CONTENT OUT [WORKERS]   (WORKERS defaults to the number of online CPUs)
 */
#define _GNU_SOURCE
#include <cmark.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml.h>

static char **files;
static size_t nfiles, capfiles;
static size_t content_len;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    (void)st; (void)ftw;
    size_t n = strlen(path);
    if (type == FTW_F && n > 3 && strcmp(path + n - 3, ".md") == 0) {
        if (nfiles == capfiles) {
            capfiles = capfiles ? capfiles * 2 : 1024;
            files = realloc(files, capfiles * sizeof *files);
            if (!files) { perror("realloc"); exit(2); }
        }
        files[nfiles++] = strdup(path);
    }
    return 0;
}

static void mkdirs(char *path) { /* mkdir -p; path is modified and restored */
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            if (mkdir(path, 0755) != 0 && errno != EEXIST) { perror(path); exit(2); }
            *p = '/';
        }
    }
    if (mkdir(path, 0755) != 0 && errno != EEXIST) { perror(path); exit(2); }
}

/* OUT/<relative path without .md>/index.html */
static char *out_path(const char *out, const char *in, int dir_only) {
    const char *rel = in + content_len;
    while (*rel == '/') rel++;
    size_t n = strlen(out) + strlen(rel) + 16;
    char *p = malloc(n);
    snprintf(p, n, "%s/%.*s%s", out, (int)(strlen(rel) - 3), rel, dir_only ? "" : "/index.html");
    return p;
}

static char *read_file(const char *path, size_t *len) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); return NULL; }
    struct stat st;
    if (fstat(fd, &st) != 0) { perror(path); close(fd); return NULL; }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = 0;
    *len = got;
    return buf;
}

/* Returns the offset of the body; sets *fm and *fmlen to the frontmatter (may be empty). */
static size_t split_frontmatter(const char *s, size_t len, const char **fm, size_t *fmlen) {
    *fm = s; *fmlen = 0;
    size_t i = 0;
    if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF) i = 3;
    if (!(len - i >= 3 && memcmp(s + i, "---", 3) == 0 && (i + 3 == len || s[i + 3] == '\n' || s[i + 3] == '\r')))
        return i;
    const char *start = memchr(s + i, '\n', len - i);
    if (!start) return i;
    start++;
    for (const char *line = start; line < s + len;) {
        const char *eol = memchr(line, '\n', (size_t)(s + len - line));
        size_t ll = eol ? (size_t)(eol - line) : (size_t)(s + len - line);
        if (ll && line[ll - 1] == '\r') ll--;
        if (ll == 3 && (memcmp(line, "---", 3) == 0 || memcmp(line, "...", 3) == 0)) {
            *fm = start; *fmlen = (size_t)(line - start);
            return eol ? (size_t)(eol + 1 - s) : len;
        }
        if (!eol) break;
        line = eol + 1;
    }
    return i; /* unterminated: treat it all as body */
}

/* Parse every YAML event; returns the number of events, -1 on a syntax error. */
static long parse_yaml(const char *fm, size_t len) {
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    if (!yaml_parser_initialize(&parser)) return -1;
    yaml_parser_set_input_string(&parser, (const unsigned char *)fm, len);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) { events = -1; break; }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
        if (done) break;
    }
    yaml_parser_delete(&parser);
    return events;
}

static int process(const char *in, const char *out) {
    size_t len;
    char *text = read_file(in, &len);
    if (!text) return 1;
    const char *fm; size_t fmlen;
    size_t body = split_frontmatter(text, len, &fm, &fmlen);
    int bad = 0;
    if (fmlen && parse_yaml(fm, fmlen) < 0) { fprintf(stderr, "%s: YAML error\n", in); bad = 1; }
    char *html = cmark_markdown_to_html(text + body, len - body, CMARK_OPT_DEFAULT);
    char *path = out_path(out, in, 0);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { perror(path); bad = 1; }
    else {
        size_t n = strlen(html), put = 0;
        while (put < n) {
            ssize_t w = write(fd, html + put, n - put);
            if (w <= 0) { perror(path); bad = 1; break; }
            put += (size_t)w;
        }
        close(fd);
    }
    free(path);
    free(html);
    free(text);
    return bad;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: floor CONTENT OUT [WORKERS]\n"); return 2; }
    const char *content = argv[1], *out = argv[2];
    long workers = argc > 3 ? atol(argv[3]) : sysconf(_SC_NPROCESSORS_ONLN);
    if (workers < 1) workers = 1;
    content_len = strlen(content);
    if (nftw(content, collect, 32, FTW_PHYS) != 0) { perror(content); return 2; }
    char *o = strdup(out);
    mkdirs(o);
    free(o);
    for (size_t i = 0; i < nfiles; i++) { char *d = out_path(out, files[i], 1); mkdirs(d); free(d); }

    if (workers == 1) {
        int bad = 0;
        for (size_t i = 0; i < nfiles; i++) bad |= process(files[i], out);
        printf("floor: %zu files, 1 worker\n", nfiles);
        return bad;
    }
    for (long w = 0; w < workers; w++) {
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); return 2; }
        if (pid == 0) {
            int bad = 0;
            for (size_t i = (size_t)w; i < nfiles; i += (size_t)workers) bad |= process(files[i], out);
            _exit(bad);
        }
    }
    int bad = 0, status;
    while (wait(&status) > 0) if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) bad = 1;
    printf("floor: %zu files, %ld workers\n", nfiles, workers);
    return bad;
}
