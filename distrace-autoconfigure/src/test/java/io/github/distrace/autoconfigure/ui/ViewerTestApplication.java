package io.github.distrace.autoconfigure.ui;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A servlet application with nothing but the auto-configuration, for the viewer's tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ViewerTestApplication {

}
