/** An application that trains with ffnn and a plugin of its own. */
module com.example.app {
  requires io.ffnn;
  requires com.example.plugins;
}
