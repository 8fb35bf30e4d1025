import { createApp } from 'vue';
import App from './App.vue';
import '../frameworks.css';

createApp(App).mount('#app');
