// EpubCheckBatch.java: checks many EPUBs in one JVM (epubcheck's command line
// takes one per call, and its start-up dominates).  Warnings pass; errors and
// fatals fail.  Used when tests/epub/EpubCheckBatch.java is not there.
// javac -cp /usr/share/java/epubcheck.jar EpubCheckBatch.java
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckBatch {
    public static void main(String[] args) {
        int bad = 0;
        for (String a : args) {
            DefaultReportImpl report = new DefaultReportImpl(a);
            new EpubCheck(new File(a), report).validate();
            int errs = report.getErrorCount() + report.getFatalErrorCount();
            System.out.println((errs == 0 ? "OK   " : "FAIL ") + a + "  errors=" + report.getErrorCount()
                + " warnings=" + report.getWarningCount() + " fatals=" + report.getFatalErrorCount());
            if (errs != 0)
                bad++;
        }
        System.exit(bad == 0 ? 0 : 1);
    }
}
