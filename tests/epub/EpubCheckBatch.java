// EpubCheckBatch.java - checks many EPUBs in one JVM (epubcheck starts slowly).
// Prints one line per book: "OK|FAIL path errors=N warnings=N fatals=N";
// a book passes only with no fatal, error or warning.  See LICENSE.
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckBatch {
    public static void main(String[] args) {
        int bad = 0;
        for (String a : args) {
            DefaultReportImpl report = new DefaultReportImpl(a);
            new EpubCheck(new File(a), report).validate();
            int e = report.getErrorCount(), w = report.getWarningCount(),
                f = report.getFatalErrorCount();
            boolean ok = e == 0 && w == 0 && f == 0;
            System.out.println((ok ? "OK   " : "FAIL ") + a + "  errors=" + e + " warnings=" + w
                               + " fatals=" + f);
            if (!ok)
                bad++;
        }
        System.exit(bad == 0 ? 0 : 1);
    }
}
