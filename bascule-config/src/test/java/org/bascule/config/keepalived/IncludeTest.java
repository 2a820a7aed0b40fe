package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code include} and its variants (keepalived.conf(5) and global_defs include_check). */
class IncludeTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static String script(String name) {
        return "vrrp_script " + name + " {\n script /bin/" + name + "\n}\n";
    }

    @Test
    void globsAreSortedAndRelativeToTheIncludingFile() throws IOException {
        write("conf.d/20-b.conf", script("b"));
        write("conf.d/10-a.conf", script("a"));
        write("conf.d/.hidden.conf", script("hidden"));
        write("conf.d/notes.txt", script("txt"));
        Path main = write("keepalived.conf", "include conf.d/*.conf\n" + script("main"));
        ParseResult<KeepalivedConfig> result = KeepalivedParser.parse(main, Configs.OPTIONS);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.config().vrrpScripts()).extracting(VrrpScript::name).containsExactly("a", "b", "main");
        assertThat(result.config().files()).containsExactly(main, dir.resolve("conf.d/10-a.conf"), dir.resolve("conf.d/20-b.conf"));
    }

    @Test
    void nestedIncludesAreRelativeToTheirOwnDirectory() throws IOException {
        write("sub/inner/leaf.conf", script("leaf"));
        write("sub/mid.conf", "include inner/leaf.conf\n");
        Path main = write("main.conf", "include sub/mid.conf\n");
        assertThat(KeepalivedParser.parse(main, Configs.OPTIONS).config().vrrpScripts()).extracting(VrrpScript::name).containsExactly("leaf");
    }

    @Test
    void includeInsideABlockIsSplicedInPlace() throws IOException {
        write("vips.conf", "192.168.1.10\n192.168.1.11\n");
        Path main = write("main.conf", "vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n  include vips.conf\n }\n}\n");
        ParseResult<KeepalivedConfig> result = KeepalivedParser.parse(main, Configs.OPTIONS);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.config().vrrpInstances().getFirst().virtualIpAddresses()).hasSize(2);
    }

    @Test
    void braceAlternativesAreReadInOrder() throws IOException {
        write("x.conf", script("x"));
        write("y.conf", script("y"));
        Path main = write("main.conf", "include {y,x}.conf\n");
        assertThat(KeepalivedParser.parse(main, Configs.OPTIONS).config().vrrpScripts()).extracting(VrrpScript::name).containsExactly("y", "x");
    }

    @Test
    void aGlobMatchingNothingIsAWarning() throws IOException {
        Path main = write("main.conf", "include conf.d/*.conf\n");
        ParseResult<KeepalivedConfig> result = KeepalivedParser.parse(main, Configs.OPTIONS);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(main
                + ":1:9: warning: no file matches include pattern 'conf.d/*.conf' (expected: at least one file matching, relative to " + dir + ")");
        assertThat(result.hasErrors()).isFalse();
    }

    @Test
    void includewAndIncludeCheckMakeItAnError() throws IOException {
        Path main = write("main.conf", "includew conf.d/*.conf\n");
        assertThat(KeepalivedParser.parse(main, Configs.OPTIONS).hasErrors()).isTrue();
        Path checked = write("checked.conf", "global_defs {\n include_check\n}\ninclude missing.conf\n");
        assertThat(KeepalivedParser.parse(checked, Configs.OPTIONS).diagnostics()).extracting(Diagnostic::format).containsExactly(checked
                + ":4:9: error: missing include file 'missing.conf' (expected: an existing file, relative to " + dir + ")");
    }

    @Test
    void aMissingLiteralFileIsAWarningWithPlainInclude() throws IOException {
        Path main = write("main.conf", "include missing.conf\n");
        assertThat(KeepalivedParser.parse(main, Configs.OPTIONS).diagnostics()).extracting(Diagnostic::format).containsExactly(main
                + ":1:9: warning: missing include file 'missing.conf' (expected: an existing file, relative to " + dir + ")");
    }

    @Test
    void includeCyclesAreErrors() throws IOException {
        Path a = write("a.conf", "include b.conf\n" + script("a"));
        Path b = dir.resolve("b.conf");
        write("b.conf", "include a.conf\n" + script("b"));
        ParseResult<KeepalivedConfig> result = KeepalivedParser.parse(a, Configs.OPTIONS);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(b
                + ":1:1: error: include cycle through '" + a + "' (expected: no file including itself; " + a + " includes " + b
                + " includes " + a + ")");
        assertThat(result.config().vrrpScripts()).extracting(VrrpScript::name).containsExactly("b", "a");
    }

    @Test
    void aFileIncludingItself() throws IOException {
        Path self = write("self.conf", "include self.conf\n");
        assertThat(KeepalivedParser.parse(self, Configs.OPTIONS).errors()).hasSize(1)
                .allMatch(d -> d.message().startsWith("include cycle through"));
    }

    @Test
    void theSameFileTwiceIsNotACycle() throws IOException {
        write("common.conf", "");
        Path main = write("main.conf", "include common.conf\ninclude common.conf\n");
        assertThat(KeepalivedParser.parse(main, Configs.OPTIONS).diagnostics()).isEmpty();
    }

    @Test
    void diagnosticsNameTheIncludedFile() throws IOException {
        Path inc = write("bad.conf", "\nvrrp_script s {\n interval zz\n script x\n}\n");
        Path main = write("main.conf", "include bad.conf\n");
        assertThat(KeepalivedParser.parse(main, Configs.OPTIONS).diagnostics()).extracting(Diagnostic::format).containsExactly(
                inc + ":3:11: error: invalid interval 'zz' (expected: a time in seconds from 1 to 4294 (decimals allowed, e.g. 0.5))");
    }

    @Test
    void includeNeedsExactlyOnePattern() {
        assertThat(Configs.diagnostics("include\n")).containsExactly(
                "test.conf:1:1: error: missing file name after 'include' (expected: include FILENAME (one pattern; quote a name with blanks))");
    }

    @Test
    void directoriesAreNotIncluded() throws IOException {
        Files.createDirectories(dir.resolve("d.conf"));
        Path main = write("main.conf", "include d.conf\n");
        assertThat(KeepalivedParser.parse(main, Configs.OPTIONS).diagnostics()).extracting(Diagnostic::message)
                .containsExactly("include of a non-regular file '" + dir.resolve("d.conf") + "' (expected: a readable configuration file)");
    }
}
